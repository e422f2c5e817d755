from telegram.ext import Application, CommandHandler

from config import settings


async def hello(update, context):
    await update.message.reply_text("hello")


def main() -> None:
    application = Application.builder().token(settings.BOT_TOKEN).build()
    application.add_handler(CommandHandler("hello", hello))
    application.run_polling()


if __name__ == "__main__":
    main()
