import os
from aiogram import Bot, Dispatcher
import asyncio

dp = Dispatcher()


async def main():
    await dp.start_polling(Bot(os.environ["BOT_TOKEN"]))


asyncio.run(main())
