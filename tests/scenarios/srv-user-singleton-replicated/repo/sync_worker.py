import time


def sync():
    pass


while True:
    sync()
    time.sleep(60)
