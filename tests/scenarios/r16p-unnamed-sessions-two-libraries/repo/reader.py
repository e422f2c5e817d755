import asyncio

from pyrogram import Client, idle

from store import load

account = load("pyrogram")


async def main() -> None:
    client = Client(account["label"], session_string=account["session"], in_memory=True)
    await client.start()
    await idle()


asyncio.run(main())
