import asyncio
import os

from aiogram import Bot, Dispatcher
from aiohttp import web


async def make_dispatcher(app: web.Application) -> None:
    app["dispatcher"] = Dispatcher()
    app["bot"] = Bot(os.environ["TG_TOKEN"])


async def begin_polling(app: web.Application) -> None:
    app["poller"] = asyncio.create_task(app["dispatcher"].start_polling(app["bot"]))
