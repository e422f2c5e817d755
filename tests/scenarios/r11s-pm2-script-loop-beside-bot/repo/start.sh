#!/bin/bash
# a restart loop in the background, and the bot again in the foreground
while true; do python bot.py; sleep 2; done &
python bot.py
