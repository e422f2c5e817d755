#!/bin/sh
# run on the server with: nohup ./start.sh &
python api.py & python bot.py
