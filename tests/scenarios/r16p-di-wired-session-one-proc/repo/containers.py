import os

from dependency_injector import containers, providers
from pyrogram import Client


class Container(containers.DeclarativeContainer):
    session = providers.Singleton(Client, name="reader", api_id=1, api_hash=os.environ.get("API_HASH"))
