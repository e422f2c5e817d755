from project.app import celery


@celery.task
def cleanup():
    return 0
