import fcntl
import os
from pathlib import Path

from telegram.ext import Application


class InstanceLock:
    def __init__(self, path):
        self.path = Path(path)

    def take(self):
        handle = self.path.open("w+")
        fd = handle.fileno()
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return handle


InstanceLock(os.environ.get("LOCK_FILE", "instance")).take()
Application.builder().token(os.environ["BOT_TOKEN"]).build().run_polling()
