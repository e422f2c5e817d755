#!/bin/sh
if [ -n "$WEBHOOK_URL" ]; then
  exec gunicorn -b 0.0.0.0:8000 app:app
else
  exec python bot.py
fi
