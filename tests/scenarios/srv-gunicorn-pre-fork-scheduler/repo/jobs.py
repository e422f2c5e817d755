from apscheduler.schedulers.background import BackgroundScheduler


def refresh():
    pass


def start_scheduler():
    scheduler = BackgroundScheduler()
    scheduler.add_job(refresh, "interval", minutes=1)
    scheduler.start()
