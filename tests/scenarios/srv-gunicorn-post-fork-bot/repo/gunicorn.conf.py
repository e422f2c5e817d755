bind = "0.0.0.0:8000"
workers = 3


def post_fork(server, worker):
    from notifier import start_bot

    start_bot()
