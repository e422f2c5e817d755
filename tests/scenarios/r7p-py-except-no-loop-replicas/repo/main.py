import asyncio
import os

from aiogram import Bot, Dispatcher

bot = Bot(os.environ["BOT_TOKEN"])
dp = Dispatcher()


async def main():
    await dp.start_polling(bot)


if __name__ == "__main__":
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(main())
    else:
        loop.create_task(main())
