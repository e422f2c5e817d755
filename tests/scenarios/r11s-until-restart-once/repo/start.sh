#!/bin/sh
until python bot.py; do
  echo "crashed with $?, restarting" >&2
  sleep 5
done
