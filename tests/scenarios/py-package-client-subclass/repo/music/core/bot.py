import os

import pyrogram


class Bot(pyrogram.Client):
    def __init__(self):
        super().__init__("music", api_id=int(os.environ["API_ID"]), api_hash=os.environ["API_HASH"],
                         bot_token=os.environ["BOT_TOKEN"])

    async def boot(self):
        await super().start()
