#!/bin/bash
nohup python bot.py > bot.log 2>&1 &
while true; do python bot.py; sleep 5; done
