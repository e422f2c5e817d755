import os

import telebot
from redis import Redis

bot = telebot.TeleBot(os.environ["TG_TOKEN"])
store = Redis.from_url(os.environ["REDIS_URL"])


def migrate():
    print("schema ready")


if __name__ == "__main__":
    with store.lock("notifier:migrate", timeout=60):
        migrate()
    bot.infinity_polling()
