#!/bin/sh
python -u bot.py &
exec /usr/sbin/nginx -g 'daemon off;'
