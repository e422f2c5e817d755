import os

from telethon import TelegramClient

try:
    bot = TelegramClient("compressor", int(os.environ["APP_ID"]), os.environ["API_HASH"])
except KeyError:
    raise SystemExit("APP_ID / API_HASH missing")
