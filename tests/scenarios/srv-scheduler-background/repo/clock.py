import time

import schedule


def digest():
    pass


schedule.every().day.at("08:00").do(digest)

while True:
    schedule.run_pending()
    time.sleep(30)
