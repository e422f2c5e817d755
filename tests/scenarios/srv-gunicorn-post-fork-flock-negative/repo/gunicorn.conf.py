import os

workers = int(os.getenv("WEB_CONCURRENCY", "3"))


def post_fork(server, worker):
    import fcntl

    handle = open("/tmp/notifier.lock", "w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return
    from notifier import start_bot

    start_bot()
