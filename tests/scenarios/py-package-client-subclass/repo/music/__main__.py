import asyncio

from music import app


async def main():
    await app.boot()
    await asyncio.Event().wait()


asyncio.run(main())
