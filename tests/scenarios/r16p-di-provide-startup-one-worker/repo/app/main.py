import asyncio

from dependency_injector.wiring import Provide, inject
from fastapi import FastAPI

from app.clients import Clients, Poller


@inject
async def on_startup(poller: Poller = Provide[Clients.poller]) -> None:
    asyncio.create_task(poller.run())


def create_app() -> FastAPI:
    app = FastAPI()
    app.on_event("startup")(on_startup)
    return app
