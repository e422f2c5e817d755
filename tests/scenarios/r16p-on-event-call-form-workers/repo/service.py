import asyncio
import os

from aiogram import Bot, Dispatcher
from fastapi import FastAPI

app = FastAPI()
dispatcher = Dispatcher()


async def begin_polling() -> None:
    asyncio.create_task(dispatcher.start_polling(Bot(os.environ["BOT_TOKEN"])))


@app.get("/health")
async def health() -> dict:
    return {"ok": True}


app.on_event("startup")(begin_polling)
