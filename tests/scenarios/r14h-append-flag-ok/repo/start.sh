#!/bin/bash
BOT="python -u bot.py"
if [ -n "$VERBOSE" ]; then
  BOT+=" --verbose"
fi
exec $BOT
