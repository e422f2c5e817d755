import fcntl
import os
import sys

import telebot

bot = telebot.TeleBot(os.environ["TG_TOKEN"])


def only_one_instance():
    handle = open("/tmp/notifier.lock", "w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        sys.exit("another notifier is running")
    return handle


if __name__ == "__main__":
    keep = only_one_instance()
    bot.infinity_polling()
