import asyncio
import os
import sqlite3

import click
from aiogram import Bot, Dispatcher


@click.group()
def main():
    """Relay: forwards channel posts."""


@main.group()
def db():
    """Database maintenance."""


@db.command()
def upgrade():
    conn = sqlite3.connect(os.environ.get("DB_PATH", "relay.db"))
    conn.execute("CREATE TABLE IF NOT EXISTS posts (id INTEGER PRIMARY KEY)")
    conn.commit()
    click.echo("database is up to date")


@main.command("serve")
def serve_bot():
    dispatcher = Dispatcher()
    asyncio.run(dispatcher.start_polling(Bot(os.environ["TG_TOKEN"])))
