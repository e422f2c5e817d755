import os

import discord


class BotRunner:
    def __call__(self):
        client = discord.Client(intents=discord.Intents.default())
        client.run(os.environ["DISCORD_TOKEN"])
