import asyncio

from bot import BotContainer


async def main():
    container = BotContainer()
    runner = container.runner()
    await runner.start()


if __name__ == "__main__":
    asyncio.run(main())
