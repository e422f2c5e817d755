import asyncio
import os

from aiogram import Bot, Dispatcher

WORKERS = int(os.getenv("WORKERS", "2"))
dp = Dispatcher()


async def main():
    bot = Bot(os.environ["TG_TOKEN"])
    for _ in range(WORKERS):
        asyncio.create_task(dp.start_polling(bot))
    await asyncio.Event().wait()


asyncio.run(main())
