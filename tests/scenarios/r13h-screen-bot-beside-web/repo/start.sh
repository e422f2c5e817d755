#!/bin/sh
# the bot in a detached screen session, the web app in the foreground
screen -dmS bot python bot.py
exec gunicorn -b 0.0.0.0:8000 web:app
