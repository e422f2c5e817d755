import fcntl
from pathlib import Path


class ProcessLock:
    def __init__(self, lock_file_path: str = "/tmp/cryptosat_bot.lock"):
        self.lock_file_path = Path(lock_file_path)
        self.lock_file = None
        self.acquired = False

    def acquire(self) -> bool:
        self.lock_file = open(self.lock_file_path, "w")
        try:
            fcntl.flock(self.lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        self.acquired = True
        return True

    def release(self):
        if self.lock_file:
            fcntl.flock(self.lock_file, fcntl.LOCK_UN)
            self.lock_file.close()

    def __enter__(self):
        self.acquire()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.release()
