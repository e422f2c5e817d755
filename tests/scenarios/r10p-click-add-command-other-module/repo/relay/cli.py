import click

from relay.bot.commands import bot_cli
from relay.db.commands import db_cli


@click.group()
def cli() -> None:
    """Relay."""


cli.add_command(bot_cli)
cli.add_command(db_cli)
