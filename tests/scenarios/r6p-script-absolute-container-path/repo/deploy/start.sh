#!/bin/sh
set -e
/srv/deploy/wait-for.sh db:5432
python /srv/bot/poller.py &
exec gunicorn --workers 1 --bind 0.0.0.0:8000 web:app
