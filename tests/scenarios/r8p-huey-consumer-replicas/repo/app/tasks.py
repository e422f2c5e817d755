from huey import RedisHuey, crontab

huey = RedisHuey("reminders")


@huey.task()
def send_reminder(chat_id):
    print("remind", chat_id)


@huey.periodic_task(crontab(minute="*/10"))
def sweep_reminders():
    send_reminder(1)
