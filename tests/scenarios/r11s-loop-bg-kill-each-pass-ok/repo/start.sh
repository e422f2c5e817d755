#!/bin/sh
while true; do
  python bot.py &
  pid=$!
  sleep 3600
  kill "$pid"
  wait "$pid"
done
