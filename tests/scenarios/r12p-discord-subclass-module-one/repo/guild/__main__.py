import asyncio
import os

import discord

import guild
from guild.client import GuildBot


async def main() -> None:
    guild.instance = GuildBot(command_prefix="!", intents=discord.Intents.default())
    async with guild.instance as bot:
        await bot.start(os.environ["DISCORD_TOKEN"])


asyncio.run(main())
