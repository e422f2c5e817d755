import os
import subprocess
import sys

import click


@click.group()
def cli():
    """Operations."""


@cli.command()
@click.argument("part")
@click.option("--verbose", is_flag=True)
def run(part, verbose):
    if part == "bot":
        from telebot import TeleBot

        TeleBot(os.environ["TG_TOKEN"]).infinity_polling()
    elif part == "api":
        from api import app

        app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")))
    elif part == "all":
        subprocess.Popen([sys.executable, "manage.py", "run", "bot"])
        from api import app

        app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")))


if __name__ == "__main__":
    cli()
