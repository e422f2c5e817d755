import asyncio

from core.setup import get_bot, get_dispatcher


async def main():
    dispatcher = get_dispatcher()
    await dispatcher.start_polling(get_bot())


asyncio.run(main())
