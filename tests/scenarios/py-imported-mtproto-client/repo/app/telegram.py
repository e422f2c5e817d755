import os

from telethon import TelegramClient

client = TelegramClient("userbot", int(os.environ["API_ID"]), os.environ["API_HASH"])
