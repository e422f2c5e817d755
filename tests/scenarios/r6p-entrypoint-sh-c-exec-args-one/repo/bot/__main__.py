import os

import discord

client = discord.Client(intents=discord.Intents.default())


@client.event
async def on_ready():
    print("ready")


client.run(os.environ["DISCORD_TOKEN"])
