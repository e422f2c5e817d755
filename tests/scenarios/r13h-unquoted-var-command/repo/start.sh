#!/bin/bash
BOT_CMD="python -u bot.py"
WEB_CMD="gunicorn -b 0.0.0.0:8000 web:app"
$BOT_CMD &
exec $WEB_CMD
