import os
from multiprocessing import Process

import telebot


def poll():
    bot = telebot.TeleBot(os.environ["BOT_TOKEN"])
    bot.infinity_polling()


if __name__ == "__main__":
    children = []
    for _ in range(2):
        child = Process(target=poll)
        child.start()
        children.append(child)
    for child in children:
        child.join()
