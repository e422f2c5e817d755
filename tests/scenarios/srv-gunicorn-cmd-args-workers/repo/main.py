import os
from threading import Thread

import telebot
from flask import Flask

app = Flask(__name__)
bot = telebot.TeleBot(os.environ["BOT_TOKEN"])
Thread(target=bot.infinity_polling, daemon=True).start()
