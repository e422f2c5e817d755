import asyncio

from . import notify
from .clients import client


async def main():
    await client.start()
    while True:
        await asyncio.sleep(60)


if __name__ == "__main__":
    asyncio.run(main())
