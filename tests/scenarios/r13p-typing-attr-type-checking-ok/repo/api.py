import typing

from flask import Flask

if typing.TYPE_CHECKING:  # for the annotations only: never imported at run time
    from listener import *  # noqa: F403

app = Flask(__name__)


@app.get("/health")
def health():
    return "ok"
