from discord.ext import commands


class GuildBot(commands.Bot):
    async def setup_hook(self) -> None:
        await self.load_extension("guild.cogs")
