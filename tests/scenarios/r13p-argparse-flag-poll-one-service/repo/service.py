import argparse
import os

import telebot
from flask import Flask

bot = telebot.TeleBot(os.environ["SERVICE_TOKEN"])
web = Flask(__name__)


@web.get("/status")
def status():
    return {"ok": True}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--poll", action="store_true")
    args = parser.parse_args()
    if args.poll:
        bot.infinity_polling()
    else:
        web.run(host="0.0.0.0", port=8000)
