import asyncio
import os

from telegram import Bot


async def main():
    await Bot(os.environ["BOT_TOKEN"]).send_message(os.environ["CHAT_ID"], "daily report")


asyncio.run(main())
