#!/bin/sh
set -e
if [ "$RUN_BOT" = "1" ]; then
  exec python bot.py
elif [ "$RUN_WEB" = "1" ]; then
  exec gunicorn -b 0.0.0.0:8000 web:app
fi
echo "set RUN_BOT or RUN_WEB" >&2
exit 1
