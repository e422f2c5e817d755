import asyncio
import os

from aiogram import Bot, Dispatcher

dp = Dispatcher()


async def main():
    bot = Bot(os.environ["BOT_TOKEN"])
    await dp.start_polling(bot)


asyncio.run(main())
