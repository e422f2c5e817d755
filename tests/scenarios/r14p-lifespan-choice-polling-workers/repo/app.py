import asyncio
import os
from contextlib import asynccontextmanager

from aiogram import Bot, Dispatcher
from fastapi import FastAPI

bot = Bot(token=os.environ["SHOP_TOKEN"])
dp = Dispatcher()


@asynccontextmanager
async def production_lifespan(app: FastAPI):
    await bot.set_webhook("https://shop.example.org/telegram")
    yield
    await bot.delete_webhook()


@asynccontextmanager
async def local_lifespan(app: FastAPI):
    polling = asyncio.create_task(dp.start_polling(bot))
    yield
    polling.cancel()


def create_app() -> FastAPI:
    lifespan = production_lifespan if os.getenv("DEPLOY_ENV") == "production" else local_lifespan
    return FastAPI(title="shop", lifespan=lifespan)


app = create_app()
