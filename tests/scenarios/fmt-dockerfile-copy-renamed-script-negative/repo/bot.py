from telegram.ext import Application
import os

Application.builder().token(os.environ['TELEGRAM_BOT_TOKEN']).build().run_polling()
