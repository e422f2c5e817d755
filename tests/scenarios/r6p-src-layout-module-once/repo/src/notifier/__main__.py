import os

from telegram.ext import Application

from notifier.jobs import register

application = Application.builder().token(os.environ["BOT_TOKEN"]).build()
register(application, os.environ.get("REGION", "us"))
try:
    application.run_polling()
except KeyboardInterrupt, SystemExit:
    pass
