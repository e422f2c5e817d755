import asyncio
import os

from aiogram import Bot, Dispatcher

dp = Dispatcher()


async def main():
    bots = [Bot(token) for token in os.environ["TG_TOKENS"].split(",")]
    await asyncio.gather(*(dp.start_polling(bot) for bot in bots))


asyncio.run(main())
