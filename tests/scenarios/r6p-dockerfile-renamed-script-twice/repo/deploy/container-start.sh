#!/bin/sh
# keep a spare copy running in case the first one dies
python bot.py &
exec python bot.py
