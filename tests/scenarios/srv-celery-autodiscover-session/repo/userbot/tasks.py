import os

from celery import shared_task
from telethon.sync import TelegramClient


@shared_task
def sync_channels():
    client = TelegramClient("userbot", int(os.environ["API_ID"]), os.environ["API_HASH"])
    client.start()
    for dialog in client.iter_dialogs():
        print(dialog.name)
    client.disconnect()
