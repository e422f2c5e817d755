import asyncio
import os

from aiogram import Bot, Dispatcher
from blacksheep import Application

app = Application()
dp = Dispatcher()


async def start_bot(application: Application) -> None:
    bot = Bot(os.environ["TG_TOKEN"])
    asyncio.create_task(dp.start_polling(bot))


app.on_start += start_bot


@app.route("/")
async def home():
    return "ok"
