#!/bin/sh
# the old instance is "kept warm" while the new one starts
python3 /home/deploy/pollbot/bot.py &
sleep 5
exec python3 /home/deploy/pollbot/bot.py
