import os

import telebot
from flask import Flask

bot = telebot.TeleBot(os.environ["BOT_TOKEN"])
site = Flask(__name__)


@site.get("/")
def index():
    return "ok"


if __name__ == "__main__":
    group = os.environ.get("FLY_PROCESS_GROUP", "app")
    if group == "poller":
        bot.infinity_polling()
    else:
        site.run(host="0.0.0.0", port=8080)
