import asyncio
import os

from aiogram import Bot, Dispatcher

dp = Dispatcher()


def run():
    asyncio.run(dp.start_polling(Bot(os.environ["RELAY_TOKEN"])))
