from celery import Celery

app = Celery("billing", broker="redis://redis:6379/0")
app.conf.beat_schedule = {"tick": {"task": "tasks.app.tick", "schedule": 60.0}}


@app.task
def tick():
    return "billing"
