#!/bin/sh
python cleanup.py &
sleep 5  # give cleanup a head start
exec python bot.py
