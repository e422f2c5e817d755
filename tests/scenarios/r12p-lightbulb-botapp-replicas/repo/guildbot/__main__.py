import os

import lightbulb

app = lightbulb.BotApp(token=os.environ["DISCORD_TOKEN"], prefix="?")


@app.command
@lightbulb.command("ping", "replies pong")
@lightbulb.implements(lightbulb.SlashCommand)
async def ping(ctx: lightbulb.Context) -> None:
    await ctx.respond("pong")


if __name__ == "__main__":
    app.run()
