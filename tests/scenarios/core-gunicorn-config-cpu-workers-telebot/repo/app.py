"""Flask dashboard that also runs the bot in a background thread."""
import os
from threading import Thread

import telebot
from flask import Flask

bot = telebot.TeleBot(os.environ["TELEGRAM_BOT_TOKEN"])
app = Flask(__name__)


@bot.message_handler(commands=["start"])
def start(message):
    bot.reply_to(message, "Hi")


@app.get("/")
def index():
    return "ok"


Thread(target=bot.infinity_polling, daemon=True).start()
