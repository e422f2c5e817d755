import asyncio
import os

from aiogram import Bot, Dispatcher


class Poller:
    def __init__(self):
        self.bot = Bot(os.environ["BOT_TOKEN"])
        self.dp = Dispatcher()

    async def start(self):
        await self.dp.start_polling(self.bot)


poller = Poller()

if __name__ == "__main__":
    asyncio.run(poller.start())
