import os

from telegram.ext import Application

Application.builder().token(os.environ["BOT_TOKEN"]).build().run_polling()
