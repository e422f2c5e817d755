import os

from telegram.ext import Application, CommandHandler


async def start(update, context):
    await update.message.reply_text("hi")


def main():
    app = Application.builder().token(os.environ["BOT_TOKEN"]).build()
    app.add_handler(CommandHandler("start", start))
    app.run_webhook(listen="0.0.0.0", port=int(os.environ.get("PORT", "8080")),
                    webhook_url=os.environ["WEBHOOK_URL"])


if __name__ == "__main__":
    main()
