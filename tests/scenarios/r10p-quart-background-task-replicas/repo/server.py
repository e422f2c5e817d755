import os

from aiogram import Bot, Dispatcher
from quart import Quart

app = Quart(__name__)
dispatcher = Dispatcher()
bot = Bot(os.environ["TG_TOKEN"])


@app.get("/health")
async def health():
    return "ok"


@app.before_serving
async def launch_bot():
    app.add_background_task(dispatcher.start_polling, bot)
