import os

import telebot


class Notifier:
    """Not a Platform: its connect() is a different method that happens to share the name."""

    def connect(self):
        telebot.TeleBot(os.environ["TELEGRAM_TOKEN"]).infinity_polling()
