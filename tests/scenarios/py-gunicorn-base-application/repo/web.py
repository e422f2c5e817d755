import contextlib
import os

from fastapi import FastAPI
from telegram.ext import Application

tg = Application.builder().token(os.environ["TELEGRAM_TOKEN"]).build()


@contextlib.asynccontextmanager
async def lifespan(app):
    await tg.initialize()
    await tg.start()
    await tg.updater.start_polling()
    yield
    await tg.updater.stop()


app = FastAPI(lifespan=lifespan)
