import os

from telegram.ext import Updater


def run():
    updater = Updater(token=os.environ["TELEGRAM_TOKEN"])
    updater.start_polling()
