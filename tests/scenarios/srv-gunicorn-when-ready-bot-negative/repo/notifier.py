import os
from threading import Thread

import telebot

bot = telebot.TeleBot(os.environ["BOT_TOKEN"])


def start_bot():
    Thread(target=bot.infinity_polling, daemon=True).start()
