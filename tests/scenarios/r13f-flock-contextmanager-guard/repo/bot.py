import fcntl
import os
from contextlib import contextmanager

import telebot


@contextmanager
def single_instance():
    with open("/tmp/bot.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield


bot = telebot.TeleBot(os.environ["BOT_TOKEN"])
with single_instance():
    bot.infinity_polling()
