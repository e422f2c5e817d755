import os
import time

from apscheduler.schedulers.background import BackgroundScheduler


def nightly_report():
    print("report")


def work_queue_forever():
    while True:
        time.sleep(5)


def main():
    if os.environ.get("DYNO", "") == "worker.1":
        scheduler = BackgroundScheduler()
        scheduler.add_job(nightly_report, "cron", hour=3)
        scheduler.start()
    work_queue_forever()


if __name__ == "__main__":
    main()
