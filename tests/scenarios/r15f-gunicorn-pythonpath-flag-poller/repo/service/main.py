import os
import threading

import telebot
from flask import Flask

bot = telebot.TeleBot(os.environ["BOT_TOKEN"])
app = Flask(__name__)


@app.get("/")
def health():
    return "up"


threading.Thread(target=bot.infinity_polling, daemon=True).start()
