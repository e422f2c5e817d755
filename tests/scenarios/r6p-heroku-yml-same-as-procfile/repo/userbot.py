import os

from telethon import TelegramClient, events
from telethon.sessions import StringSession

client = TelegramClient(StringSession(os.environ["SESSION"]), int(os.environ["API_ID"]), os.environ["API_HASH"])


@client.on(events.NewMessage(pattern=r"\.ping"))
async def ping(event):
    await event.reply("pong")


client.start()
client.run_until_disconnected()
