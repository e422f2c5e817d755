import os

from telegram.ext import Application


def build():
    return Application.builder().token(os.environ["TG_TOKEN"]).build()


if __name__ == "__main__":
    build().run_polling()
