#!/bin/sh
cat > /app/supervisord.conf <<CONF
[supervisord]
nodaemon=true

[program:bot]
command=python bot.py
numprocs=2
process_name=%(program_name)s_%(process_num)02d

[program:web]
command=gunicorn web:app
CONF
exec supervisord -c /app/supervisord.conf
