"""The API dyno also runs the bot "so that it is always up"."""
import threading

from flask import Flask

import bot

app = Flask(__name__)


@app.get("/health")
def health():
    return {"status": "ok"}


if __name__ == "__main__":
    threading.Thread(target=bot.main, daemon=True).start()
    app.run(host="0.0.0.0", port=8000)
