from apscheduler.schedulers.background import BackgroundScheduler
from flask import Flask

app = Flask(__name__)
scheduler = BackgroundScheduler()


def refresh_rates():
    print("refresh")


scheduler.add_job(refresh_rates, "interval", minutes=5)
scheduler.start()
