import os

workers = int(os.environ.get("GUNICORN_WORKERS", "4"))


def on_starting(server):
    from site.discord_bot import launch

    launch()
