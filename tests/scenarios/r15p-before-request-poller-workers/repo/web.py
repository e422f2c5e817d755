import os
import threading

import discord
from flask import Flask

intents = discord.Intents.default()
client = discord.Client(intents=intents)
app = Flask(__name__)
client_started = False


def run_client():
    client.run(os.environ["DISCORD_TOKEN"])


@app.before_request
def start_client_once():
    global client_started
    if not client_started:
        client_started = True
        threading.Thread(target=run_client, daemon=True).start()


@app.route("/")
def home():
    return "alive"
