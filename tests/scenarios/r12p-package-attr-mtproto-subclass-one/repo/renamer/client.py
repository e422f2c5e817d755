import os

from pyrogram import Client as BaseClient


class Client(BaseClient):
    def __init__(self) -> None:
        super().__init__(
            "renamer",
            api_id=int(os.environ["API_ID"]),
            api_hash=os.environ["API_HASH"],
            bot_token=os.environ["BOT_TOKEN"],
            plugins={"root": "renamer/plugins"},
        )
