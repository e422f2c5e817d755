from telegram.ext import Application, CommandHandler

from config import ProductionConfig as config


async def quote(update, context):
    await update.message.reply_text("Simplicity is prerequisite for reliability.")


def main():
    app = Application.builder().token(config.TOKEN).build()
    app.add_handler(CommandHandler("quote", quote))
    if config.USE_WEBHOOK:
        app.run_webhook(listen="0.0.0.0", port=config.PORT, webhook_url="https://quotes.example.org")
    else:
        app.run_polling()


if __name__ == "__main__":
    main()
