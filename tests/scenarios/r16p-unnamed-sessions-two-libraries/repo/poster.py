from telethon import TelegramClient
from telethon.sessions import StringSession

from store import load

account = load("telethon")
client = TelegramClient(StringSession(account["session"]), account["api_id"], account["api_hash"])
client.start()
client.run_until_disconnected()
