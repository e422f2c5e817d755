import os
import threading

import telebot

TOKEN = os.environ["TG_TOKEN"]


def serve_orders():
    telebot.TeleBot(TOKEN).infinity_polling()


def serve_support():
    telebot.TeleBot(TOKEN).infinity_polling()


if __name__ == "__main__":
    if os.getenv("DESK") == "support":
        threading.Thread(target=serve_support).start()
    else:
        threading.Thread(target=serve_orders).start()
