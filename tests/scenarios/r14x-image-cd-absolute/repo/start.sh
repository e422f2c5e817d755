#!/bin/sh
set -e
if [ "$SERVICE" = "bot" ]; then
    cd /app && exec python scripts/bot.py
else
    cd /app/backend && exec python api.py
fi
