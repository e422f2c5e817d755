import os

from telegram.ext import Application

Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"]).build().run_polling()
