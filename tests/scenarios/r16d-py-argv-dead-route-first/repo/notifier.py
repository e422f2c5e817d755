import os

from telegram.ext import Application


class Notifier:
    def __init__(self):
        self.app = Application.builder().token(os.environ["BOT_TOKEN"]).build()

    async def begin(self):
        await self.app.initialize()
        await self.app.start()
        await self.app.updater.start_polling()
