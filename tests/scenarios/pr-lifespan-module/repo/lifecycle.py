from contextlib import asynccontextmanager

from bot_runner import start_bot


@asynccontextmanager
async def lifespan(app):
    await start_bot()
    yield
