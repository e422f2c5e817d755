#!/bin/bash
if [ -f .env ]; then
  export $(grep -v '^#' .env | xargs)
fi
if [ "$BOT_MODE" = "polling" ]; then
  python bot.py &
fi
exec gunicorn -b 0.0.0.0:$PORT web:app
