import fcntl
import json
from contextlib import contextmanager


@contextmanager
def locked(path):
    with open(path + ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def save(path, data):
    with locked(path):
        with open(path, "w") as out:
            json.dump(data, out)
