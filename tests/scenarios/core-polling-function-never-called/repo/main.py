"""API. `start_bot_thread` is left over from an experiment and never called."""
import threading

import telebot
from fastapi import FastAPI

from bot import bot

app = FastAPI()


def start_bot_thread():
    threading.Thread(target=bot.infinity_polling, daemon=True).start()


@app.get("/health")
def health():
    return {"status": "ok"}
