"""A second bot that only posts alerts; it has its own token from @BotFather."""
import os

from telegram.ext import Application, CommandHandler


async def ping(update, context):
    await update.message.reply_text("pong")


application = Application.builder().token(os.environ["ALERTS_BOT_TOKEN"]).build()
application.add_handler(CommandHandler("ping", ping))

if __name__ == "__main__":
    application.run_polling()
