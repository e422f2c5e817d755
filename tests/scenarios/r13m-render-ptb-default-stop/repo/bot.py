import os

from telegram.ext import ApplicationBuilder

application = ApplicationBuilder().token(os.environ["BOT_TOKEN"]).build()
application.run_polling()
