import asyncio
import os

from aiogram import Bot, Dispatcher

import storage

dp = Dispatcher()


async def main():
    storage.connect()
    await dp.start_polling(Bot(os.environ["BOT_TOKEN"]))


asyncio.run(main())
