import os
from threading import Thread

import telebot
from flask import Flask

bot = telebot.TeleBot(os.environ["TELEGRAM_BOT_TOKEN"])
app = Flask(__name__)

Thread(target=bot.infinity_polling, daemon=True).start()

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")), debug=True)
