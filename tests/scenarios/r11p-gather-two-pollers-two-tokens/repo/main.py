import asyncio
import os

from aiogram import Bot, Dispatcher

admin = Dispatcher()
public = Dispatcher()


async def main():
    await asyncio.gather(admin.start_polling(Bot(os.environ["ADMIN_BOT_TOKEN"])),
                         public.start_polling(Bot(os.environ["PUBLIC_BOT_TOKEN"])))


asyncio.run(main())
