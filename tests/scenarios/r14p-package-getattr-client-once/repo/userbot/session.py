import os

from telethon import TelegramClient


def build_client():
    return TelegramClient("archive", int(os.environ["API_ID"]), os.environ["API_HASH"])
