import os
import threading

import discord
from celery import Celery
from celery.signals import worker_ready

app = Celery("worker_app", broker=os.environ.get("REDIS_URL", "redis://localhost:6379/0"))
client = discord.Client(intents=discord.Intents.default())


def _gateway():
    client.run(os.environ["DISCORD_TOKEN"])


@worker_ready.connect
def connect_discord(**kwargs):
    threading.Thread(target=_gateway, daemon=True).start()


@app.task
def ping():
    return "pong"
