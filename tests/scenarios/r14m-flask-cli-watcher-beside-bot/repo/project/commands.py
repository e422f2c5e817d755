from flask import Blueprint
import time

jobs = Blueprint("jobs", __name__)


@jobs.cli.command("watch")
def watch():
    while True:
        time.sleep(60)
