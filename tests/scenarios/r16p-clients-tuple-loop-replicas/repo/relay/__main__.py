import asyncio

from pyrogram import idle

from . import source, target


async def main() -> None:
    for session in (source, target):
        await session.start()
    await idle()


asyncio.run(main())
