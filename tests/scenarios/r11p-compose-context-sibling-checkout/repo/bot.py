import os

import discord

client = discord.Client(intents=discord.Intents.default())

if __name__ == "__main__":
    client.run(os.environ["DISCORD_TOKEN"])
