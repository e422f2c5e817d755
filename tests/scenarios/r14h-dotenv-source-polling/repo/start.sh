#!/bin/bash
set -a
. ./.env
set +a
if [ "$BOT_MODE" = "polling" ]; then
  python bot.py &
fi
exec gunicorn -b 0.0.0.0:$PORT web:app
