import os
from telethon import TelegramClient, events

bot = TelegramClient("shop", int(os.environ["API_ID"]), os.environ["API_HASH"])


@bot.on(events.NewMessage(pattern="/start"))
async def start(event):
    await event.reply("hi")


bot.start(bot_token=os.environ["BOT_TOKEN"])
bot.run_until_disconnected()
