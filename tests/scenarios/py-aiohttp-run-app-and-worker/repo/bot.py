import asyncio
import os

from aiogram import Bot, Dispatcher

bot = Bot(os.environ["BOT_TOKEN"])
dp = Dispatcher()

if __name__ == "__main__":
    asyncio.run(dp.start_polling(bot))
