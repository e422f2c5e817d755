#!/bin/sh
# make sure no other bot instance is running
pkill -f "python bot.py" || true
killall -q python3 || true
fuser -k 8443/tcp || true
kill $(pgrep -f bot.py) 2>/dev/null || true
exec python bot.py
