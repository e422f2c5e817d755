"""FastAPI app that starts python-telegram-bot polling in its lifespan."""
import os
from contextlib import asynccontextmanager

from fastapi import FastAPI
from telegram.ext import Application

application = Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"]).build()


@asynccontextmanager
async def lifespan(app):
    await application.initialize()
    await application.start()
    await application.updater.start_polling()
    yield
    await application.updater.stop()
    await application.stop()
    await application.shutdown()


app = FastAPI(lifespan=lifespan)
