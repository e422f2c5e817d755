import os
import threading

import telebot
from flask import Flask

app = Flask(__name__)
bot = telebot.TeleBot(os.environ["BOT_TOKEN"])
threading.Thread(target=bot.infinity_polling, daemon=True).start()

if __name__ == "__main__":
    app.run(debug=True, use_reloader=False)
