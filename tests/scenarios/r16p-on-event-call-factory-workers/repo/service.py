import asyncio
import os

from aiogram import Bot, Dispatcher
from fastapi import FastAPI

app = FastAPI()
dispatcher = Dispatcher()


def make_startup(token):
    async def begin_polling() -> None:
        asyncio.create_task(dispatcher.start_polling(Bot(token)))
    return begin_polling


@app.get("/health")
async def health() -> dict:
    return {"ok": True}


app.on_event("startup")(make_startup(os.environ["BOT_TOKEN"]))
