import time

from scheduling import scheduler


def cleanup():
    pass


scheduler.add_job(cleanup, "interval", minutes=10)
while True:
    time.sleep(60)
