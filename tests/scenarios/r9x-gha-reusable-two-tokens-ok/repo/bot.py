import os

from telegram.ext import ApplicationBuilder

ApplicationBuilder().token(os.environ["BOT_TOKEN"]).build().run_polling()
