import os

from apscheduler.schedulers.background import BackgroundScheduler
from flask import Flask

app = Flask(__name__)


def sync_feeds():
    print("sync")


if os.environ.get("DYNO") == "scheduler.1":
    jobs = BackgroundScheduler()
    jobs.add_job(sync_feeds, "interval", minutes=10)
    jobs.start()
