#!/bin/sh
if [ "$APP_ENV" = "development" ]; then
  python bot.py --verbose
fi
exec python bot.py
