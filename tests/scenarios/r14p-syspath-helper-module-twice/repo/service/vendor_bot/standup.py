import os

import telebot

bot = telebot.TeleBot(os.environ["STANDUP_TOKEN"])


@bot.message_handler(commands=["standup"])
def standup(message):
    bot.reply_to(message, "What did you do yesterday?")


def run():
    bot.infinity_polling(timeout=30)
