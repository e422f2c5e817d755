import os
import threading

from telegram.ext import Updater

updater = Updater(token=os.environ["BOT_TOKEN"])


def launch():
    threading.Thread(target=updater.start_polling, daemon=True).start()
