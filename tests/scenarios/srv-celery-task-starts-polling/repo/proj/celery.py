from celery import Celery

app = Celery("proj", broker="redis://localhost:6379/0", include=["proj.tasks"])
app.conf.beat_schedule = {
    "keep-bot-alive": {"task": "proj.tasks.ensure_bot", "schedule": 300.0},
}
