import os

import telebot


def serve() -> None:
    telebot.TeleBot(os.environ["TG_TOKEN"]).infinity_polling()


if __name__ == "__main__":
    serve()
