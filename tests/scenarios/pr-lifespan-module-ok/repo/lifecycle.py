from contextlib import asynccontextmanager

from bot_runner import start_bot


@asynccontextmanager
async def lifespan(app):
    yield
    print("stopped", start_bot.__name__)
