import asyncio
import os
import socket

from aiogram import Bot, Dispatcher
from redis.asyncio import Redis

LEASE_KEY = "notifier:poller"


async def run() -> None:
    store = Redis.from_url(os.environ["REDIS_URL"])
    me = socket.gethostname()
    await store.set(LEASE_KEY, me, ex=30)  # records who polls, but every replica writes it
    dispatcher = Dispatcher()
    await dispatcher.start_polling(Bot(os.environ["TG_TOKEN"]))


if __name__ == "__main__":
    asyncio.run(run())
