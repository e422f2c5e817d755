#!/bin/sh
while true; do
  python bot.py &
  sleep 3600
done
