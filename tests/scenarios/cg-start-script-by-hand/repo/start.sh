#!/bin/sh
# run on the server with: nohup ./start.sh &
python bot.py & python bot.py
