import os
import threading

import telebot
from flask import Flask

bot = telebot.TeleBot(os.environ["BOT_TOKEN"])
app = Flask(__name__)


@app.route("/")
def index():
    return "alive"


def serve():
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", 8080)))


if __name__ == "__main__":
    threading.Thread(target=lambda: app.run(port=8081), daemon=True).start()
    threading.Thread(target=serve, daemon=True).start()
    bot.infinity_polling()
