"""Flask app that starts the bot's polling thread at import time."""
import os
from threading import Thread

import telebot
from flask import Flask

bot = telebot.TeleBot(os.environ["TELEGRAM_BOT_TOKEN"])
app = Flask(__name__)


@app.get("/")
def index():
    return "ok"


Thread(target=bot.infinity_polling, daemon=True).start()
