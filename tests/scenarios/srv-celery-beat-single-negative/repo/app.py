from celery import Celery

app = Celery("app", broker="redis://localhost:6379/0")
app.conf.beat_schedule = {"report": {"task": "app.report", "schedule": 3600.0}}


@app.task
def report():
    return "sent"
