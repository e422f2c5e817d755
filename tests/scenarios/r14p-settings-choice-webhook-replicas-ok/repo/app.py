from telegram.ext import Application, CommandHandler

from settings import settings


async def due(update, context):
    await update.message.reply_text("No books are due.")


def main():
    application = Application.builder().token(settings.token).build()
    application.add_handler(CommandHandler("due", due))
    if settings.webhook:
        application.run_webhook(listen="0.0.0.0", port=settings.port, webhook_url="https://library.example.org/tg")
    else:
        application.run_polling()


if __name__ == "__main__":
    main()
