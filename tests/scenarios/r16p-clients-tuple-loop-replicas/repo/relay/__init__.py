import os

from pyrogram import Client

source = Client("source", api_id=int(os.environ["API_ID"]), api_hash=os.environ["API_HASH"])
target = Client("target", api_id=int(os.environ["API_ID"]), api_hash=os.environ["API_HASH"])
