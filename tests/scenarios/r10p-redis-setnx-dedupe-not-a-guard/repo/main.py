import asyncio
import json
import os

from aiogram import Bot, Dispatcher
from redis.asyncio import Redis

store = Redis.from_url(os.environ["REDIS_URL"])


class Outbox:
    async def remember(self, key: str) -> bool:
        # dedupes receipts: SET NX per receipt, not a lock around the poller
        return bool(await store.set(f"receipt:{key}", 1, nx=True, ex=86400))

    async def send_pending(self, bot: Bot) -> None:
        raw = await store.lpop("outbox")
        if raw is None:
            return
        item = json.loads(raw)
        if not await self.remember(item["id"]):
            return
        await bot.send_message(item["chat"], item["text"])

    async def drain_forever(self, bot: Bot) -> None:
        while True:
            await self.send_pending(bot)
            await asyncio.sleep(5)


async def run() -> None:
    bot = Bot(os.environ["TG_TOKEN"])
    asyncio.create_task(Outbox().drain_forever(bot))
    await Dispatcher().start_polling(bot)


if __name__ == "__main__":
    asyncio.run(run())
