import os

from telegram.ext import Application

TOKEN = os.getenv("TELEGRAM_BOT_TOKEN", "7012345678:AAc1UWb5fxzpF7STG7nVLe3lARUsRJlNONw")
API = f"https://api.telegram.org/bot7012345678:AAc1UWb5fxzpF7STG7nVLe3lARUsRJlNONw/sendMessage"

application = Application.builder().token(TOKEN).build()

if __name__ == "__main__":
    application.run_polling()
