import os

from telegram.ext import Application


def main() -> None:
    app = Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"]).build()
    if os.environ.get("WEBHOOK_URL"):
        app.run_webhook(listen="0.0.0.0", port=8443, webhook_url=os.environ["WEBHOOK_URL"])
    else:
        app.run_polling()


if __name__ == "__main__":
    main()
