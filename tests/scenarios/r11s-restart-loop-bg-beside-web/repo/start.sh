#!/bin/sh
( while true; do python bot.py; sleep 5; done ) &
exec gunicorn web:app --bind 0.0.0.0:8000
