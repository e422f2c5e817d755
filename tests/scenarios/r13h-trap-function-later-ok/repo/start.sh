#!/bin/bash
# the trap names a function defined further down
trap shutdown EXIT

shutdown() {
  echo "stopping"
  rm -f /tmp/bot.pid
}

echo $$ > /tmp/bot.pid
python bot.py
