from core.loader import bot, dp


def get_dispatcher():
    return dp


def get_bot():
    return bot
