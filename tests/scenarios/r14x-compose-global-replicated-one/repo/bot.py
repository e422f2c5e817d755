import os

import discord

client = discord.Client(intents=discord.Intents.default())
client.run(os.environ["DISCORD_TOKEN"])
