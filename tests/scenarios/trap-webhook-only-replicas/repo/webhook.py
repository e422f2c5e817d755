import os

from telegram.ext import Application, CommandHandler


async def start(update, context):
    await update.message.reply_text("Hi")


application = Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"]).build()
application.add_handler(CommandHandler("start", start))

if __name__ == "__main__":
    application.run_webhook(listen="0.0.0.0", port=int(os.environ.get("PORT", "8080")),
                            webhook_url=os.environ["WEBHOOK_URL"])
