from apscheduler.schedulers.background import BackgroundScheduler

scheduler = BackgroundScheduler()


def send_digest():
    print("digest")


def start_digest():
    scheduler.add_job(send_digest, "cron", hour=7)
    scheduler.start()
