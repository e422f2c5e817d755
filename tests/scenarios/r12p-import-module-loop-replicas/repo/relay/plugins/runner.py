import os

from telegram.ext import Application

application = Application.builder().token(os.environ["BOT_TOKEN"]).build()


def start() -> None:
    application.run_polling()
