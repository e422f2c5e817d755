import asyncio

from bot import BotContainer


async def main():
    runner = BotContainer.runner()
    await runner.start()


if __name__ == "__main__":
    asyncio.run(main())
