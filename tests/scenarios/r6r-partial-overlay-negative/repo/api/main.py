"""The shop API; it also answers the bot's commands so that they are "always up"."""
import os
from contextlib import asynccontextmanager

from fastapi import FastAPI
from telegram.ext import Application

bot = Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"]).build()


@asynccontextmanager
async def lifespan(_app):
    await bot.initialize()
    await bot.start()
    await bot.updater.start_polling()
    yield
    await bot.updater.stop()
    await bot.stop()


app = FastAPI(lifespan=lifespan)
