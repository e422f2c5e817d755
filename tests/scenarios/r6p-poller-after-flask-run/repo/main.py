import os

import telebot
from flask import Flask

bot = telebot.TeleBot(os.environ["BOT_TOKEN"])
app = Flask(__name__)


@app.route("/")
def index():
    return "alive"


@bot.message_handler(commands=["start"])
def start(message):
    bot.reply_to(message, "hi")


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", 8080)))
    bot.infinity_polling()
