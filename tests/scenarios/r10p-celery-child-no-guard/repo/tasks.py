from apscheduler.schedulers.background import BackgroundScheduler
from celery import Celery
from celery.signals import worker_process_init

app = Celery("tasks", broker="redis://queue:6379/0")
scheduler = BackgroundScheduler()


def refresh_rates():
    print("refreshed")


@worker_process_init.connect
def start_scheduler(**kwargs):
    scheduler.add_job(refresh_rates, "interval", minutes=10)
    scheduler.start()


@app.task
def convert(amount):
    return amount * 2
