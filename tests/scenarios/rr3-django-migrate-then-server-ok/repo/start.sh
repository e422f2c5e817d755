#!/bin/sh
set -e
python manage.py migrate
python manage.py collectstatic --noinput
exec gunicorn proj.wsgi --bind 0.0.0.0:8000 --workers 1
