import os
import threading

import telebot
from flask import Flask

bot = telebot.TeleBot(os.environ["BOT_TOKEN"])
app = Flask(__name__)


@app.route("/admin/start-bot", methods=["POST"])
def start_bot():
    threading.Thread(target=bot.infinity_polling, daemon=True).start()
    return "started"


@app.route("/")
def home():
    return "alive"
