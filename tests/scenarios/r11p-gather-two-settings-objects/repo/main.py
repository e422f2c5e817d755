import asyncio

from aiogram import Bot, Dispatcher

import settings_a
import settings_b


async def main():
    await asyncio.gather(Dispatcher().start_polling(Bot(settings_a.settings.bot_token)),
                         Dispatcher().start_polling(Bot(settings_b.settings.bot_token)))


asyncio.run(main())
