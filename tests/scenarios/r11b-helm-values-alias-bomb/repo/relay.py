import asyncio
import os

from aiogram import Bot, Dispatcher

dispatcher = Dispatcher()


async def main() -> None:
    bot = Bot(os.environ["BOT_TOKEN"])
    await dispatcher.start_polling(bot)


if __name__ == "__main__":
    asyncio.run(main())
