import asyncio
import os

from aiogram import Bot, Dispatcher

dispatcher = Dispatcher()


async def _main():
    await dispatcher.start_polling(Bot(os.environ["BOT_TOKEN"]))


def launch():
    asyncio.run(_main())
