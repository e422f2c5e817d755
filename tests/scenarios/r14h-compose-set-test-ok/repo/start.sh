#!/bin/bash
if [[ -v RUN_BOT ]] || [ "$ROLE" = "bot" ]; then
  exec python bot.py
fi
exec gunicorn -b 0.0.0.0:8000 web:app
