import os

from telegram.ext import Application

admin_app = Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"]).build()

if __name__ == "__main__":
    admin_app.run_polling()
