#!/bin/sh
python bot.py &
exec python bot.py
