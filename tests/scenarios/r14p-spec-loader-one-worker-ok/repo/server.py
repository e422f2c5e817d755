"""Health endpoint for the platform, plus the bot in a background thread."""
import importlib.util
import threading
from pathlib import Path

from flask import Flask

app = Flask(__name__)
HERE = Path(__file__).resolve().parent


@app.get("/health")
def health():
    return "ok"


def start_bot():
    spec = importlib.util.spec_from_file_location("helpdesk_bot", "telegram bot.py")
    helpdesk = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(helpdesk)
    helpdesk.main()


threading.Thread(target=start_bot, daemon=True).start()
