"""Flask app that starts an APScheduler job scheduler when it is imported."""
from apscheduler.schedulers.background import BackgroundScheduler
from flask import Flask

app = Flask(__name__)
scheduler = BackgroundScheduler()
scheduler.add_job(lambda: print("daily report"), "interval", hours=24)
scheduler.start()


@app.get("/")
def index():
    return "ok"
