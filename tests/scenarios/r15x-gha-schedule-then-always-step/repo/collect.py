import asyncio
import os

from telethon import TelegramClient
from telethon.sessions import StringSession


async def main():
    async with TelegramClient(StringSession(os.environ["SESSION"]), int(os.environ["API_ID"]), os.environ["API_HASH"]) as client:
        with open("out/latest.txt", "w") as out:
            async for message in client.iter_messages("somechannel", limit=50):
                out.write((message.text or "") + "\n")


asyncio.run(main())
