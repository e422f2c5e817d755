import os
from telegram.ext import Application

app = Application.builder().token(os.environ["BOT_TOKEN"]).build()

if __name__ == "__main__":
    app.run_polling()
