import fcntl
import os
import sys

from telegram.ext import Application

_lock = open("/tmp/bot.lock", "w")


def single_instance():
    try:
        fcntl.flock(_lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        sys.exit("another bot instance holds /tmp/bot.lock")


application = Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"]).build()


def main():
    single_instance()
    application.run_polling()


if __name__ == "__main__":
    main()
