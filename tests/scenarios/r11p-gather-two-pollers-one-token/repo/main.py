import asyncio
import os

from aiogram import Bot, Dispatcher

TOKEN = os.environ["TG_TOKEN"]
admin = Dispatcher()
public = Dispatcher()


async def main():
    await asyncio.gather(admin.start_polling(Bot(TOKEN)), public.start_polling(Bot(TOKEN)))


asyncio.run(main())
