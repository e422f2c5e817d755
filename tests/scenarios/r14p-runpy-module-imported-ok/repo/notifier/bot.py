import os

import telebot

bot = telebot.TeleBot(os.environ["NOTIFIER_TOKEN"])


@bot.message_handler(commands=["ping"])
def ping(message):
    bot.reply_to(message, "pong")


if __name__ == "__main__":
    bot.infinity_polling()
