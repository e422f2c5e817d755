import asyncio
import os

from telethon import TelegramClient

API_ID = int(os.environ.get("API_ID", "0"))
API_HASH = os.environ.get("API_HASH", "")

watcher = TelegramClient("watcher", API_ID, API_HASH)
archiver = TelegramClient("archiver", API_ID, API_HASH)


class Manager:
    def __init__(self):
        self.clients = [watcher, archiver]

    async def run(self):
        for client in self.clients:
            await client.start()
        await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(Manager().run())
