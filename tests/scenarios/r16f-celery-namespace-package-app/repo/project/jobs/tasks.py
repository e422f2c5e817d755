from project.jobs.celery import celery


@celery.task
def cleanup():
    return 0
