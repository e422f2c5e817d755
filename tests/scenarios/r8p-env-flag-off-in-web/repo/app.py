import os
import threading

from flask import Flask

from notifier import bot

app = Flask(__name__)
POLL_IN_WEB = os.getenv("POLL_IN_WEB", "1").strip().lower() in ("1", "true", "yes")


def start_polling():
    threading.Thread(target=bot.infinity_polling, daemon=True).start()


if POLL_IN_WEB:
    start_polling()


@app.get("/health")
def health():
    return "ok"
