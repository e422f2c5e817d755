import asyncio

from pyrogram import idle


async def watch() -> None:
    from listener.clients import make_client

    client = make_client()
    async with client:
        await idle()


if __name__ == "__main__":
    asyncio.run(watch())
