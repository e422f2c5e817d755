from flask import Flask

from tasks import run_bot

app = Flask(__name__)
run_bot()  # called, not queued: it polls in every web worker
