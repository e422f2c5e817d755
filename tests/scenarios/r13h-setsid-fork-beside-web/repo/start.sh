#!/bin/bash
# setsid --fork returns at once: the bot runs detached beside gunicorn
setsid --fork python bot.py > /tmp/bot.log 2>&1
exec gunicorn -b 0.0.0.0:8000 web:app
