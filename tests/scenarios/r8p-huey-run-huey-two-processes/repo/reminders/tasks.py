from huey import crontab
from huey.contrib.djhuey import db_periodic_task, task


@task()
def notify(user_id):
    print(user_id)


@db_periodic_task(crontab(hour="8", minute="0"))
def morning_digest():
    notify(1)
