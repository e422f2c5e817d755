#!/bin/bash
# wait for the database with a helper that runs in the background, then serve
check_db() {
    timeout 30 pg-probe --host db --port 5432 &
    PROBE=$!
    wait $PROBE
}
check_db
exec gunicorn app:app --bind 0.0.0.0:$PORT
