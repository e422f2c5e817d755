"""FastAPI app that runs the aiogram bot next to the API."""
import asyncio
import os
from contextlib import asynccontextmanager

from aiogram import Bot, Dispatcher
from aiogram.filters import CommandStart
from fastapi import FastAPI

bot = Bot(os.environ["TELEGRAM_BOT_TOKEN"])
dp = Dispatcher()


@dp.message(CommandStart())
async def start(message):
    await message.answer("Hi")


@asynccontextmanager
async def lifespan(app):
    polling = asyncio.create_task(dp.start_polling(bot))
    yield
    polling.cancel()


app = FastAPI(lifespan=lifespan)


@app.get("/health")
async def health():
    return {"status": "ok"}
