bind = "0.0.0.0:8000"
workers = 3


def when_ready(server):
    from notifier import start_bot

    start_bot()
