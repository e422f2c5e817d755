import os

from aiogram import Bot, Dispatcher

dispatcher = Dispatcher()


def poll_forever():
    import asyncio

    asyncio.run(dispatcher.start_polling(Bot(os.environ["BOT_TOKEN"])))
