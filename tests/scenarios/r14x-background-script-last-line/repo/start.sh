#!/bin/sh
echo "starting"
python bot.py > bot.log 2>&1 &
