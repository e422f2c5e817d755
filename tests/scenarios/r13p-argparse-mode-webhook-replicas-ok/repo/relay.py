import argparse
import os

from telegram.ext import Application, MessageHandler, filters


async def echo(update, context):
    await update.message.reply_text(update.message.text)


def main():
    cli = argparse.ArgumentParser(description="echo relay")
    cli.add_argument("--transport", choices=("polling", "webhook"), default="polling")
    cli.add_argument("--port", type=int, default=os.getenv("PORT"))
    cli.add_argument("-v", "--verbose", action="store_true", help="log more")
    opts = cli.parse_args()

    app = Application.builder().token(os.environ["RELAY_TOKEN"]).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    if opts.transport == "polling":
        app.run_polling()
    else:
        app.run_webhook(listen="0.0.0.0", port=opts.port, webhook_url=os.environ["RELAY_URL"])


if __name__ == "__main__":
    main()
