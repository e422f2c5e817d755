import os

import telebot


class Bots:
    """One client per role, made once."""

    support = telebot.TeleBot(os.environ["SUPPORT_TOKEN"])
