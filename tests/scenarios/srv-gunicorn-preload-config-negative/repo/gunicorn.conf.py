import os

workers = 2
preload_app = os.environ.get("PRELOAD", "true").lower() == "true"
TIMEOUT = 60
timeout = TIMEOUT
