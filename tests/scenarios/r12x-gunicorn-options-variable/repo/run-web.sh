#!/bin/sh
if [ -n "$STATSD_HOST" ]; then
    EXTRAS="--statsd-host $STATSD_HOST:8125"
fi
exec gunicorn --workers 3 --bind 0.0.0.0:$PORT $EXTRAS web:app
