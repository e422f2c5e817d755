#!/bin/sh
case "$APP_ENV" in
  production)
    exec python bot.py
    ;;
  *)
    LOG_LEVEL=debug exec python bot.py
    ;;
esac
