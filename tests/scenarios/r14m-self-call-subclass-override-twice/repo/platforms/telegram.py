import os

from telegram.ext import ApplicationBuilder

from platforms.base import Platform


class TelegramPlatform(Platform):
    def connect(self):
        app = ApplicationBuilder().token(os.environ["TELEGRAM_TOKEN"]).build()
        app.run_polling()
