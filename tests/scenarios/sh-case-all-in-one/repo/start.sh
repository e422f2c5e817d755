#!/bin/sh
case "$SERVICE" in
  bot)
    exec python bot.py
    ;;
  all)
    python bot.py &
    exec gunicorn -b 0.0.0.0:8000 app:app
    ;;
  *)
    exec gunicorn -b 0.0.0.0:8000 app:app
    ;;
esac
