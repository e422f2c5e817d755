import os
import threading

import discord

client = discord.Client(intents=discord.Intents.default())


def _connect():
    client.run(os.environ["DISCORD_TOKEN"])


def launch():
    threading.Thread(target=_connect, daemon=True).start()
