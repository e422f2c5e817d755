#!/bin/sh
# restart the bot when it exits: one copy at a time
while true; do
  python bot.py
  echo "bot exited, restarting"
  sleep 5
done
