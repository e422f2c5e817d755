#!/bin/bash
# a watcher left running in the background while gunicorn serves
pg-probe --host db --port 5432 --watch &
PROBE=$!
exec gunicorn app:app --bind 0.0.0.0:$PORT
