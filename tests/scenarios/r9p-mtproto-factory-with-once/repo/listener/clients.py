"""One place that builds the user-account client from the saved session."""
import os

from pyrogram import Client


def make_client(label: str = "watcher") -> Client:
    return Client(label, api_id=int(os.environ["API_ID"]), api_hash=os.environ["API_HASH"],
                  session_string=os.environ["SESSION"], in_memory=True)
