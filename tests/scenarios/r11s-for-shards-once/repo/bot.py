import os
import sys

import discord

shard = int(sys.argv[1])
client = discord.Client(intents=discord.Intents.default(), shard_id=shard, shard_count=2)
client.run(os.environ["DISCORD_TOKEN"])
