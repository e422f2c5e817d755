from flask import Blueprint

jobs = Blueprint("jobs", __name__)


@jobs.cli.command("cleanup")
def cleanup():
    print("cleaned")
