import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from tg import poller


@asynccontextmanager
async def lifespan(_app):
    task = asyncio.create_task(poller.start())
    yield
    task.cancel()


def build():
    api = FastAPI(title="shop")
    api.router.lifespan_context = lifespan
    return api


app = build()
