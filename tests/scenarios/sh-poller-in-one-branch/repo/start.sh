#!/bin/sh
if [ "$RUN_BOT" = "1" ]; then
  python bot.py &
fi
exec gunicorn -b 0.0.0.0:8000 app:app
