import os
from aiohttp import web
from telethon import TelegramClient

client = TelegramClient("shop", int(os.environ["API_ID"]), os.environ["API_HASH"])
client.start(bot_token=os.environ["BOT_TOKEN"])

app = web.Application()
