import asyncio

from .runner import ClientRunner


class Herald(ClientRunner):
    def __init__(self, settings: dict) -> None:
        self.settings = settings

    async def idle_forever(self) -> None:
        while True:
            await asyncio.sleep(3600)

    @classmethod
    async def create_and_run(cls, settings: dict) -> "Herald":
        bot = cls(settings)
        await bot.run()
        return bot
