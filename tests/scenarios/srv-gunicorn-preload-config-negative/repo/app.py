from apscheduler.schedulers.background import BackgroundScheduler
from flask import Flask

app = Flask(__name__)
scheduler = BackgroundScheduler()


def cleanup():
    pass


scheduler.add_job(cleanup, "interval", minutes=5)
scheduler.start()
