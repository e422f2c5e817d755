import asyncio

from telegram import BotCommand

from bot import application


async def main():
    await application.bot.set_my_commands([BotCommand("start", "Say hi")])


asyncio.run(main())
