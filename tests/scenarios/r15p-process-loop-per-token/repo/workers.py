import os
from multiprocessing import Process

import telebot


def poll(token):
    bot = telebot.TeleBot(token)
    bot.infinity_polling()


if __name__ == "__main__":
    tokens = os.environ["BOT_TOKENS"].split(",")
    children = []
    for token in tokens:
        child = Process(target=poll, args=(token,))
        child.start()
        children.append(child)
    for child in children:
        child.join()
