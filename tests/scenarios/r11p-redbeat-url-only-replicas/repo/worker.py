from celery import Celery

app = Celery("worker", broker="redis://queue:6379/0")
app.conf.redbeat_redis_url = "redis://queue:6379/1"
app.conf.beat_schedule = {"digest": {"task": "worker.digest", "schedule": 3600.0}}


@app.task
def digest():
    return "sent"
