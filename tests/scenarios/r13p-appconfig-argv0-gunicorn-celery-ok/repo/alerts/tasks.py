from celery import shared_task


@shared_task
def notify(user_id):
    print("notify", user_id)
