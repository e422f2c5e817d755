from celery import Celery

celery = Celery("project", broker="redis://localhost:6379/0")
