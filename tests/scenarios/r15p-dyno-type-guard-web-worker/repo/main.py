import os

import telebot
from flask import Flask

ROLE_IS_WORKER = os.environ.get("DYNO", "").startswith("worker.")

bot = telebot.TeleBot(os.environ["BOT_TOKEN"])
site = Flask(__name__)


@site.get("/")
def index():
    return "ok"


if __name__ == "__main__":
    if ROLE_IS_WORKER:
        bot.infinity_polling(skip_pending=True)
    else:
        site.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")))
