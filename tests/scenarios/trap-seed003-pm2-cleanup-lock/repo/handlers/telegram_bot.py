import asyncio
import os

from loguru import logger
from telegram.ext import Application


class TelegramBot:
    def __init__(self):
        self.application = Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"]).build()

    async def start(self):
        """Start bot with polling and conflict resolution"""
        await self.application.initialize()
        await self.application.bot.delete_webhook(drop_pending_updates=True)
        await self.application.start()
        for attempt in range(3):
            try:
                await self.application.updater.start_polling(drop_pending_updates=True)
                logger.info("CryptoSat bot started successfully")
                return
            except Exception:
                await asyncio.sleep(5)
                await self.application.bot.delete_webhook(drop_pending_updates=True)
        raise RuntimeError("could not start polling")
