workers = 2
PRELOAD_APP = True
TIMEOUT = 60
