import os

import pyrogram


class Service:
    async def start(self):
        return pyrogram.__version__


class Bot(Service):
    def __init__(self):
        self.token = os.environ["BOT_TOKEN"]

    async def boot(self):
        await super().start()
