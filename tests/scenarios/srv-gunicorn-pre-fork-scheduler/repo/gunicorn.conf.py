workers = 4


def pre_fork(server, worker):
    from jobs import start_scheduler

    start_scheduler()
