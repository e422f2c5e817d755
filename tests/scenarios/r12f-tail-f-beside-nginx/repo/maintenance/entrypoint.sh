#!/bin/sh
touch /tmp/access.log
tail -f /tmp/access.log &
exec nginx -g 'daemon off;'
