import os

import click
from telegram.ext import Application


@click.group(name="bot")
def bot_cli() -> None:
    """The Telegram side."""


@bot_cli.command("start")
def start_bot() -> None:
    Application.builder().token(os.environ["TG_TOKEN"]).build().run_polling()
