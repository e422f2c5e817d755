#!/bin/sh
python migrate.py
echo "migrations done"
sleep 0.1  # let the log line reach the platform before the bot floods it
exec python bot.py
