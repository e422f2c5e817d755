import os
import sys

import telebot

MODE = sys.argv[1] if len(sys.argv) > 1 else "polling"

bot = telebot.TeleBot(os.environ["NOTIFIER_TOKEN"])


@bot.message_handler(commands=["ping"])
def ping(message):
    bot.reply_to(message, "pong")


if MODE == "polling":
    bot.infinity_polling()
else:
    bot.run_webhooks(listen="0.0.0.0", port=int(os.environ.get("PORT", "8443")),
                     webhook_url=os.environ["NOTIFIER_URL"])
