import os

from pyrogram import Client


class ClientRunner:
    """Mixin: owns the MTProto client."""

    async def connect(self) -> None:
        self.client = Client("herald", api_id=int(os.environ["API_ID"]), api_hash=os.environ["API_HASH"])
        await self.client.start()

    async def run(self) -> None:
        await self.connect()
        await self.idle_forever()
