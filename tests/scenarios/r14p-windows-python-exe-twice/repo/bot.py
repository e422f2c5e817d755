import os

import discord
from discord.ext import commands

intents = discord.Intents.default()
bot = commands.Bot(command_prefix="?", intents=intents)


@bot.command()
async def roll(ctx):
    await ctx.send("4")


bot.run(os.environ["DICE_TOKEN"])
