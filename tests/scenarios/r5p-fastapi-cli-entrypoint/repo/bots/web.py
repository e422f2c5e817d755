import asyncio
import os
from contextlib import asynccontextmanager

from aiogram import Bot, Dispatcher
from fastapi import FastAPI

dispatcher = Dispatcher()


@asynccontextmanager
async def lifespan(api: FastAPI):
    task = asyncio.create_task(dispatcher.start_polling(Bot(os.environ["BOT_TOKEN"])))
    yield
    task.cancel()


service = FastAPI(lifespan=lifespan)
