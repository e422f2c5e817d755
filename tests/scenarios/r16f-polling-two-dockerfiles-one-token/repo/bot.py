import os

from telegram.ext import Application

app = Application.builder().token(os.environ["BOT_TOKEN"]).build()
app.run_polling()
