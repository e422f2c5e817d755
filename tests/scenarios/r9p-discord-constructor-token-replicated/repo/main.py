import os

import interactions

bot = interactions.Client(token=os.environ["DISCORD_TOKEN"], intents=interactions.Intents.DEFAULT)


@interactions.slash_command(name="ping", description="answers pong")
async def ping(ctx: interactions.SlashContext):
    await ctx.send("pong")


if __name__ == "__main__":
    bot.start()
