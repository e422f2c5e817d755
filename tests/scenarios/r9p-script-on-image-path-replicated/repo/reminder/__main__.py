import asyncio
import os

from aiogram import Bot, Dispatcher

dp = Dispatcher()


async def main() -> None:
    await dp.start_polling(Bot(os.environ["BOT_TOKEN"]))


if __name__ == "__main__":
    asyncio.run(main())
