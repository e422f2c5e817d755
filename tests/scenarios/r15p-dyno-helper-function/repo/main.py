import os

import telebot
from flask import Flask

bot = telebot.TeleBot(os.environ["BOT_TOKEN"])
app = Flask(__name__)


def in_worker_dyno():
    """True in a worker dyno."""
    return os.environ.get("DYNO", "").startswith("worker.")


if __name__ == "__main__":
    if in_worker_dyno():
        bot.infinity_polling()
    else:
        app.run(host="0.0.0.0", port=int(os.environ.get("PORT", 5000)))
