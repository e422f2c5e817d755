import os

from telegram.ext import ApplicationBuilder, CommandHandler


async def hello(update, context):
    await update.message.reply_text("hello")


def main():
    app = ApplicationBuilder().token(os.environ["TOKEN"]).build()
    app.add_handler(CommandHandler("hello", hello))
    app.run_polling()


if __name__ == "__main__":
    main()
