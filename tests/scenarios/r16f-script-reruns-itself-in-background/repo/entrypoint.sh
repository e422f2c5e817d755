#!/bin/bash
# re-runs itself as a child under `timeout`, waits for it, then serves (the wait-for-it.sh way)
if [[ "$1" == "--child" ]]; then
    until pg_isready -h db; do sleep 1; done
    exit 0
fi
timeout 30 $0 --child &
CHILD=$!
wait $CHILD
exec gunicorn app:app --bind 0.0.0.0:8000
