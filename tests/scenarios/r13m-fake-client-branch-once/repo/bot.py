import os
import sys

import discord

if "--offline" in sys.argv:
    class Client:
        """Stands in for Discord when developing offline."""

        def event(self, handler):
            return handler

        def run(self, token):
            print("offline: not connecting")

    client: discord.Client = Client()  # type: ignore[assignment]
else:
    intents = discord.Intents.default()
    intents.message_content = True
    client = discord.Client(intents=intents)


@client.event
async def on_message(message):
    if message.content == "!ping":
        await message.channel.send("pong")


client.run(os.environ["DISCORD_TOKEN"])
