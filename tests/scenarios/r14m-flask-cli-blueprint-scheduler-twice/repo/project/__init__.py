from flask import Flask

from .commands import jobs
from .tasks import beat


def create_app():
    app = Flask(__name__)
    app.register_blueprint(jobs)
    app.cli.add_command(beat)
    return app
