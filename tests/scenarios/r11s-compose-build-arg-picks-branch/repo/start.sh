#!/bin/sh
if [ "$APP_ROLE" = "bot" ]; then
  exec python bot.py
else
  exec gunicorn web:app --bind 0.0.0.0:8000
fi
