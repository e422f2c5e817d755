import asyncio
import os

from fastapi import FastAPI
from telegram.ext import Application

app = FastAPI()
telegram_app = Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"]).build()


@app.on_event("startup")
async def start_bot():
    await telegram_app.initialize()
    await telegram_app.start()
    asyncio.create_task(telegram_app.updater.start_polling())
