import os

from telegram.ext import Application

application = Application.builder().token(os.environ["BOT_TOKEN"]).build()

if __name__ == "__main__":
    application.run_polling()
