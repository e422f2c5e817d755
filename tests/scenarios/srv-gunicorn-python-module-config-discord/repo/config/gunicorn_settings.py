import os

workers = int(os.environ.get("GUNICORN_WORKERS", "4"))


def post_worker_init(worker):
    from site.discord_bot import launch

    launch()
