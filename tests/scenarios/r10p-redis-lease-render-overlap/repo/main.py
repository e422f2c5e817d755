import asyncio
import os
import socket

from aiogram import Bot, Dispatcher
from redis.asyncio import Redis

LEASE_KEY = "notifier:poller"


async def run() -> None:
    store = Redis.from_url(os.environ["REDIS_URL"])
    me = socket.gethostname()
    while not await store.set(LEASE_KEY, me, nx=True, ex=30):
        await asyncio.sleep(10)  # another replica polls; wait for its lease to lapse
    dispatcher = Dispatcher()
    await dispatcher.start_polling(Bot(os.environ["TG_TOKEN"]))


if __name__ == "__main__":
    asyncio.run(run())
