import asyncio

from dependency_injector.wiring import Provide, inject
from fastapi import FastAPI

from app.clients import Clients, Notifier


@inject
async def on_startup(poller: Notifier = Provide[Clients.notifier]) -> None:
    asyncio.create_task(poller.run())


def create_app() -> FastAPI:
    app = FastAPI()
    app.on_event("startup")(on_startup)
    return app
