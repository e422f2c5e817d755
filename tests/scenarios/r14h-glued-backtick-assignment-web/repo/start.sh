#!/bin/sh
out=./logs/`date +%s`.log
nohup python -u bot.py > $out 2>&1 &
gunicorn -b 0.0.0.0:$PORT web:app
