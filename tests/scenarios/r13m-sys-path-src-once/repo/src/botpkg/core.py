import os

import discord

client = discord.Client(intents=discord.Intents.default())


def run():
    client.run(os.environ["DISCORD_TOKEN"])
