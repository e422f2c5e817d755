import os
import threading

from flask import Flask
from telegram.ext import Application

app = Flask(__name__)
bot = Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"]).build()
threading.Thread(target=bot.run_polling, daemon=True).start()


@app.get("/health")
def health():
    return "ok"
