"""pyTelegramBotAPI bot, polls when run as a script."""
import os

import telebot

bot = telebot.TeleBot(os.environ["TELEGRAM_BOT_TOKEN"])


@bot.message_handler(commands=["start"])
def start(message):
    bot.reply_to(message, "Hi")


if __name__ == "__main__":
    bot.infinity_polling()
