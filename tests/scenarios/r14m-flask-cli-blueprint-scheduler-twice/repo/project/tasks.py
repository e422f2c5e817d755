import click
from apscheduler.schedulers.blocking import BlockingScheduler


@click.command("scheduler")
def beat():
    scheduler = BlockingScheduler()
    scheduler.add_job(print, "interval", minutes=5)
    scheduler.start()
