from apscheduler.schedulers.background import BackgroundScheduler
from flask import Flask

app = Flask(__name__)


def refresh_forecast():
    print("refreshing")


scheduler = BackgroundScheduler()
scheduler.add_job(refresh_forecast, "interval", minutes=30)
scheduler.start()


@app.get("/")
def index():
    return "ok"
