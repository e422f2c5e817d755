#!/bin/bash
while [ -n "$1" ]; do
    case "$1" in
        --with-bot)
            WITH_BOT=1
            ;;
        --verbose)
            VERBOSE=1
            ;;
        *)
            break
            ;;
    esac
    shift
done

if [ -n "$WITH_BOT" ]; then
    exec python poller.py
else
    exec gunicorn site_app:app --bind 0.0.0.0:8000
fi
