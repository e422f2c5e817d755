from contextlib import asynccontextmanager

from fastapi import FastAPI

from db import database


@asynccontextmanager
async def lifespan(_app):
    await database.connect()
    yield
    await database.disconnect()


def build():
    api = FastAPI(title="shop")
    api.router.lifespan_context = lifespan
    return api


app = build()
