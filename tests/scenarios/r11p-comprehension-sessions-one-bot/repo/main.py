import os

from pyrogram import Client, compose

clients = [Client(f"relay{i}", bot_token=os.environ["BOT_TOKEN"], api_id=1, api_hash="x") for i in range(2)]
compose(clients)
