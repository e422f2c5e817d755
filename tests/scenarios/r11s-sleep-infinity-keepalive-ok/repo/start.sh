#!/bin/sh
eval TOKEN=\$BOT_TOKEN_${SLOT}
export BOT_TOKEN="$TOKEN"
python bot.py &
trap : TERM INT
sleep infinity & wait
