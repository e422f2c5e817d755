import os

from aiogram import Bot, Dispatcher

bot = Bot(os.environ["BOT_TOKEN"])
dp = Dispatcher()

if __name__ == "__main__":
    import asyncio

    asyncio.run(dp.start_polling(bot))
