import os

from telegram.ext import Application

from notifier.jobs import register

application = Application.builder().token(os.environ["BOT_TOKEN"]).build()
register(application, os.environ.get("REGION", "us"))
application.run_polling()
