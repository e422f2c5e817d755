#!/bin/sh
# forward SIGTERM to the bot, the way a supervisor does: by pid, not by name
python bot.py &
child=$!
trap 'kill -TERM "$child"' TERM INT
wait "$child"
