import os

from flask import Flask

from tgbot.entry import dispatcher

site = Flask(__name__)


@site.get("/handlers")
def handlers():
    return {"routers": len(dispatcher.sub_routers)}


def serve():
    site.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8000")))
