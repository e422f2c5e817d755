from apscheduler.triggers.interval import IntervalTrigger


class Scheduler:
    def __init__(self):
        self.started = False
        self.trigger = IntervalTrigger(minutes=5)

    def start(self):
        self.started = True


scheduler = Scheduler()
