import os

import telebot
from redis import Redis

bot = telebot.TeleBot(os.environ["TG_TOKEN"])
store = Redis.from_url(os.environ["REDIS_URL"])


def migrate():
    print("schema ready")


if __name__ == "__main__":
    leader = store.lock("notifier:poller", timeout=None)
    with leader:
        migrate()
        bot.infinity_polling()
