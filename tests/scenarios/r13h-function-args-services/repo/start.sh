#!/bin/bash
set -e

start_service() {
  local name="$1"
  shift
  echo "starting $name"
  "$@" &
}

start_service web gunicorn -b 0.0.0.0:8000 web:app
start_service bot python bot.py
wait -n
