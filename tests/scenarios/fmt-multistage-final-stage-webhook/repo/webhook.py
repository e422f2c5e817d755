import os

from telegram.ext import Application

app = Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"]).build()

if __name__ == "__main__":
    app.run_webhook(listen="0.0.0.0", port=8443, webhook_url=os.environ["WEBHOOK_URL"])
