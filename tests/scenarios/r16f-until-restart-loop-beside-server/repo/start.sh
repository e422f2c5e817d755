#!/bin/bash
# keep the sync daemon running (restart it when it fails) beside the server
keep_syncing() {
    until syncd --foreground; do
        sleep 5
    done
}
keep_syncing &
exec gunicorn app:app --bind "0.0.0.0:$PORT"
