#!/bin/sh
if [ "$ROLE" = "admin" ]; then
  exec python admin_bot.py
else
  exec python bot.py
fi
