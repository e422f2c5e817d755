import asyncio
import os

from telegram import Bot


def main():
    asyncio.run(Bot(os.environ["BOT_TOKEN"]).send_message(chat_id=os.environ["CHAT_ID"], text="still alive"))
