#!/bin/sh
cd /home/deploy/pollbot
exec python3 /home/deploy/pollbot/bot.py
