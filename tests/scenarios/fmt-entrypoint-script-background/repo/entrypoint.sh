#!/bin/sh
set -e
python bot.py &
exec gunicorn -b 0.0.0.0:8000 app:app
