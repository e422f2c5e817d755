import os

from telegram.ext import Application

application = Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"]).build()

if __name__ == "__main__":
    application.run_polling()
