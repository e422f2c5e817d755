import asyncio

from hypercorn.asyncio import serve
from hypercorn.config import Config

from api import app

config = Config()
config.bind = ["0.0.0.0:8000"]
config.workers = 4

if __name__ == "__main__":
    asyncio.run(serve(app, config))
