"""Admin commands, added to the same bot "so they run in the same process"."""
from telegram.ext import CommandHandler

from bot import application


async def stats(update, context):
    await update.message.reply_text("42 users")


application.add_handler(CommandHandler("stats", stats))
application.run_polling()
