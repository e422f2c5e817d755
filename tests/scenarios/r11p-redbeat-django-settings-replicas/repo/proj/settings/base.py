CELERY_BROKER_URL = "redis://queue:6379/0"
CELERY_BEAT_SCHEDULER = "redbeat.RedBeatScheduler"
