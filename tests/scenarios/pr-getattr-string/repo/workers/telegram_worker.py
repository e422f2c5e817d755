import os

from telegram.ext import Application


def main():
    app = Application.builder().token(os.environ["BOT_TOKEN"]).build()
    app.run_polling()


main()
