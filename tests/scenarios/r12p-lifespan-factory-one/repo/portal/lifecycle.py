import asyncio
from contextlib import asynccontextmanager

from aiogram import Bot, Dispatcher


def make_lifespan(token: str):
    dispatcher = Dispatcher()
    bot = Bot(token)

    @asynccontextmanager
    async def lifespan(app):
        polling = asyncio.create_task(dispatcher.start_polling(bot))
        yield
        polling.cancel()

    return lifespan
