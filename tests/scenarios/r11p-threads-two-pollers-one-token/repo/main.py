import os
import threading

import telebot

TOKEN = os.environ["TG_TOKEN"]


def serve_orders():
    telebot.TeleBot(TOKEN).infinity_polling()


def serve_support():
    telebot.TeleBot(TOKEN).infinity_polling()


if __name__ == "__main__":
    threading.Thread(target=serve_orders).start()
    threading.Thread(target=serve_support).start()
