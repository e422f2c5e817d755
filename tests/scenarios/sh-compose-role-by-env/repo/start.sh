#!/bin/sh
set -e
if [ "$ROLE" = "bot" ]; then
  exec python bot.py
else
  exec gunicorn -b 0.0.0.0:8000 app:app
fi
