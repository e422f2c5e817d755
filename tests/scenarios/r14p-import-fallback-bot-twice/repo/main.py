import asyncio

try:  # a developer's own bot, never committed
    from local_bot import bot, dp
except ImportError:
    from production_bot import bot, dp


async def main():
    await dp.start_polling(bot)


if __name__ == "__main__":
    asyncio.run(main())
