"""Seed 002: one bot, webhook in production (WEBHOOK_URL set on Railway), polling locally."""
import os

from telegram.ext import Application, CommandHandler

TOKEN = os.environ.get("TELEGRAM_TOKEN") or os.environ["TEST_TELEGRAM_TOKEN"]
WEBHOOK_URL = os.environ.get("WEBHOOK_URL")


async def start(update, context):
    await update.message.reply_text("Welcome!")


def main():
    application = Application.builder().token(TOKEN).build()
    application.add_handler(CommandHandler("start", start))
    if WEBHOOK_URL:
        application.run_webhook(listen="0.0.0.0", port=int(os.environ.get("PORT", "8080")),
                                url_path="webhook", webhook_url=f"{WEBHOOK_URL}/webhook")
    else:
        application.run_polling()


if __name__ == "__main__":
    main()
