#!/bin/sh
if [ -z "$PORT" ]; then
  exec python poller.py
else
  exec python bot.py
fi
