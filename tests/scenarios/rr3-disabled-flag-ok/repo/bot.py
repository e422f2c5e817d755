import os

import telebot

bot = telebot.TeleBot(os.environ["BOT_TOKEN"])


def run_bot():
    bot.infinity_polling()
