#!/bin/bash
BOT="python -u bot.py"
if [ -n "$VERBOSE" ]; then
  BOT+=" --verbose"
fi
$BOT &
exec gunicorn -b 0.0.0.0:8000 web:app
