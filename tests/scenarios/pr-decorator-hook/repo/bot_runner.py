import os

from telegram.ext import Application

application = Application.builder().token(os.environ["BOT_TOKEN"]).build()


async def start_bot():
    await application.initialize()
    await application.start()
    await application.updater.start_polling()
