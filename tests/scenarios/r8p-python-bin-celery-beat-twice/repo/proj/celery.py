from celery import Celery

app = Celery("proj", broker="redis://redis:6379/0")
app.conf.beat_schedule = {"tick": {"task": "proj.tick", "schedule": 60.0}}


@app.task(name="proj.tick")
def tick():
    print("tick")
