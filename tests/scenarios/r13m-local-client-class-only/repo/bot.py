import os

import discord  # only for its types here


class Client:
    """A replay tool: reads saved messages, never connects."""

    def run(self, path):
        print("replaying", path, discord.__name__)


client = Client()
client.run(os.environ.get("REPLAY_FILE", "messages.json"))
