import os

from telegram.ext import ApplicationBuilder


def main():
    application = ApplicationBuilder().token(os.environ["BOT_TOKEN"]).build()
    mode = os.getenv("BOT_MODE", "polling").lower()
    if mode == "webhook":
        application.run_webhook(listen="0.0.0.0", port=8443, webhook_url=os.environ["WEBHOOK_URL"])
    else:
        application.run_polling()


if __name__ == "__main__":
    main()
