import os
from telegram.ext import Application

app = Application.builder().token(os.environ["BOT_TOKEN"]).build()


def main():
    try:
        app.run_webhook(listen="0.0.0.0", port=8443, webhook_url=os.environ["WEBHOOK_URL"])
    except Exception:
        app.run_polling()


if __name__ == "__main__":
    main()
