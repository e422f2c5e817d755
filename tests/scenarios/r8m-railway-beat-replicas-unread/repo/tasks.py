from celery import Celery

app = Celery("tasks", broker="redis://redis:6379/0")
app.conf.beat_schedule = {
    "ping": {"task": "tasks.ping", "schedule": 60.0},
}


@app.task
def ping():
    return "pong"
