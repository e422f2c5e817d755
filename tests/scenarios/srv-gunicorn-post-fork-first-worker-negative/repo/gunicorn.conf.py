workers = 4


def post_fork(server, worker):
    if worker.age == 1:
        from jobs import start_scheduler

        start_scheduler()
