INSTALLED_APPS = ["userbot"]
CELERY_BROKER_URL = "redis://localhost:6379/0"
