import os

from aiogram import Bot, Dispatcher

bot = Bot(os.environ["BOT_TOKEN"])
dp = Dispatcher()


async def start():
    try:
        await bot.set_webhook(os.environ["PUBLIC_URL"] + "/tg")
    except Exception as error:
        print("webhook failed, polling instead", error)
        await dp.start_polling(bot)


if __name__ == "__main__":
    import asyncio

    asyncio.run(start())
