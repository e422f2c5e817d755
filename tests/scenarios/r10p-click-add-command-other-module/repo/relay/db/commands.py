import os

import click
from sqlalchemy import create_engine, text


@click.group(name="db")
def db_cli() -> None:
    """Database."""


@db_cli.command("upgrade")
def upgrade_db() -> None:
    engine = create_engine(os.environ["DATABASE_URL"])
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS chats (id BIGINT PRIMARY KEY)"))
    click.echo("up to date")
