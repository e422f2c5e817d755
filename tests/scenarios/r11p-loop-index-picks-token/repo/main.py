import asyncio
import os

from aiogram import Bot, Dispatcher

dp = Dispatcher()


async def main():
    tasks = []
    for number in range(3):
        bot = Bot(os.environ[f"TG_TOKEN_{number}"])
        tasks.append(asyncio.create_task(dp.start_polling(bot)))
    await asyncio.gather(*tasks)


asyncio.run(main())
