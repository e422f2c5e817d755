import os

import typer
from pyrogram import Client

app = typer.Typer()


@app.command()
def init_db(path: str = "herald.sqlite"):
    open(path, "a").close()
    typer.echo("created")


@app.command()
def listen():
    client = Client("herald", api_id=int(os.environ["API_ID"]), api_hash=os.environ["API_HASH"],
                    bot_token=os.environ["BOT_TOKEN"])
    client.run()
