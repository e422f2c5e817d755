import os

from telethon.sync import TelegramClient


def open_session():
    client = TelegramClient("userbot", int(os.environ["API_ID"]), os.environ["API_HASH"])
    client.start()
    return client
