import os

from telegram.ext import ApplicationBuilder


def main():
    application = ApplicationBuilder().token(os.environ["BOT_TOKEN"]).build()
    application.run_polling()
