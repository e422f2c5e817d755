"""Telegram bot: python-telegram-bot, long polling."""
import os

from telegram.ext import Application, CommandHandler


async def start(update, context):
    await update.message.reply_text("Hi")


application = Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"]).build()
application.add_handler(CommandHandler("start", start))

if __name__ == "__main__":
    application.run_polling()
