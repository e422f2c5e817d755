import os

from telegram.ext import ApplicationBuilder

RUNNERS = {"polling": "run_polling", "webhook": "run_webhook"}


def start(application, how="polling"):
    method = getattr(application, "run_polling") if how == "polling" else None
    if method is not None:
        method()


if __name__ == "__main__":
    application = ApplicationBuilder().token(os.environ["BOT_TOKEN"]).build()
    getattr(application, "run_polling")(drop_pending_updates=True)
