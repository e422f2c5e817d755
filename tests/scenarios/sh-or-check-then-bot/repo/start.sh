#!/bin/sh
python migrate.py || echo "migration failed, continuing"
exec python bot.py
