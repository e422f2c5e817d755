import os
import threading

import telebot
from flask import Flask

bot = telebot.TeleBot(os.environ["BOT_TOKEN"])
app = Flask(__name__)


@app.get("/")
def index():
    return "ok"


def run_web():
    port = int(os.environ.get("PORT", 8080))
    threading.Thread(target=app.run, kwargs={"host": "0.0.0.0", "port": port}, daemon=True).start()


def run_bot():
    bot.infinity_polling(skip_pending=True)


if __name__ == "__main__":
    run_web()
    run_bot()
