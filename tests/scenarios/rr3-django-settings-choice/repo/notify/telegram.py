import os
import threading

from telegram.ext import Updater


def start():
    updater = Updater(token=os.environ["TELEGRAM_TOKEN"])
    threading.Thread(target=updater.start_polling, daemon=True).start()
