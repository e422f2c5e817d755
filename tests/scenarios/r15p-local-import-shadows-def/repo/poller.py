import os

import telebot

bot = telebot.TeleBot(os.environ["BOT_TOKEN"])


def main():
    bot.infinity_polling()
