#!/bin/sh
if [ -n "$DEBUG" ]; then
  exec python bot.py
else
  exec python -O bot.py
fi
