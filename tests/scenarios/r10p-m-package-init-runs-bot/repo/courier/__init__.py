import os

from telethon import TelegramClient, events

client = TelegramClient("courier", int(os.environ["API_ID"]), os.environ["API_HASH"]).start(
    bot_token=os.environ["TG_TOKEN"])


@client.on(events.NewMessage(pattern="/ping"))
async def ping(event):
    await event.reply("pong")


client.run_until_disconnected()
