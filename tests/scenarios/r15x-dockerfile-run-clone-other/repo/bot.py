import os
from telegram.ext import Application

app = Application.builder().token(os.environ["TOKEN"]).build()
app.run_polling()
