import os

from telegram.ext import Application


def run() -> None:
    app = Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"]).build()
    url = os.environ.get("PUBLIC_URL")
    if url:
        app.run_webhook(listen="0.0.0.0", port=8080, webhook_url=url + "/tg")
        return
    app.run_polling()


if __name__ == "__main__":
    run()
