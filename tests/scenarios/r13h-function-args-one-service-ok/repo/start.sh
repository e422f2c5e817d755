#!/bin/bash
run() {
  echo "running $*"
  exec "$@"
}

run python bot.py
