import asyncio
from aiogram import Bot, Dispatcher

dp = Dispatcher()


async def main():
    await dp.start_polling(Bot("123:abc"))


asyncio.run(main())
