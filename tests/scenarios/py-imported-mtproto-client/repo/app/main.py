import asyncio

from .telegram import client


class Service:
    def __init__(self):
        self.client = client

    async def run(self):
        await self.client.start()
        await self.client.run_until_disconnected()


if __name__ == "__main__":
    asyncio.run(Service().run())
