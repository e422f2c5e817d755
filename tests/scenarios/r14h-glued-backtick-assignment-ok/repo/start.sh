#!/bin/sh
mkdir -p logs
out=./logs/`date +%s`.log
nohup python -u bot.py > $out 2>&1 &
wait
