import os

import telebot

bot = telebot.TeleBot(os.environ["BOT_TOKEN"])


@bot.message_handler(commands=["start"])
def greet(message):
    bot.reply_to(message, "hi")


if __name__ == "__main__":
    bot.infinity_polling()
