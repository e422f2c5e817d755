#!/bin/bash
echo_supervisord_conf > /etc/supervisord.conf
echo $'
[program:bot]
directory=/app
numprocs=2
process_name=bot_%(process_num)s
command=python bot.py --slot %(process_num)s
autorestart=true' >> /etc/supervisord.conf
exec supervisord --configuration=/etc/supervisord.conf --nodaemon
