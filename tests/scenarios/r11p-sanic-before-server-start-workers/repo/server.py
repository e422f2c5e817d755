import os

from sanic import Sanic
from telegram.ext import Application

app = Sanic("relay")
bot_app = Application.builder().token(os.environ["TG_TOKEN"]).build()


@app.before_server_start
async def start_bot(app, loop):
    await bot_app.initialize()
    await bot_app.start()
    await bot_app.updater.start_polling()
