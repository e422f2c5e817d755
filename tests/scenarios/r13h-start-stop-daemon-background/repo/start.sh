#!/bin/bash
start-stop-daemon --start --background --make-pidfile --pidfile /tmp/bot.pid \
  --chdir /app --exec /usr/local/bin/python -- bot.py
exec gunicorn -b 0.0.0.0:8000 web:app
