#!/bin/sh
set -e
if [ "$APP_ENV" = "development" ]; then
  exec python bot.py --verbose
fi
exec python bot.py
