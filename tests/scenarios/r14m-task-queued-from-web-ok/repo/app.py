from flask import Flask

from tasks import run_bot

app = Flask(__name__)
run_bot.delay()  # queued: the celery worker runs it, not the web workers
