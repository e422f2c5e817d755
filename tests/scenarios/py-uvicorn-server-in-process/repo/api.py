import asyncio
import os

from aiogram import Bot, Dispatcher
from fastapi import FastAPI

app = FastAPI()
dp = Dispatcher()


@app.on_event("startup")
async def startup():
    asyncio.create_task(dp.start_polling(Bot(os.environ["BOT_TOKEN"])))
