from flask import Flask

from .commands import jobs


def create_app():
    app = Flask(__name__)
    app.register_blueprint(jobs)
    return app
