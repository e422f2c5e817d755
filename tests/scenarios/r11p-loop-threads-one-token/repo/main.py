import os
import threading

import telebot

TOKEN = os.environ["TG_TOKEN"]


def serve():
    bot = telebot.TeleBot(TOKEN)
    bot.infinity_polling()


for _ in range(3):
    threading.Thread(target=serve).start()
