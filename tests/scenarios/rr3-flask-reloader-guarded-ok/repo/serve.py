import threading

from flask import Flask
from werkzeug.serving import is_running_from_reloader

from poller import poll_forever

app = Flask(__name__)


@app.get("/health")
def health():
    return "ok"


if __name__ == "__main__":
    # the reloader parent passes this test, the reloaded child does not: one poller
    if not is_running_from_reloader():
        threading.Thread(target=poll_forever, daemon=True).start()
    app.run(host="0.0.0.0", port=8080, debug=True)
