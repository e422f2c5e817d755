#!/bin/sh
set -e
envsubst < /app/deploy/supervisord.conf.tpl > /etc/supervisord.conf
exec supervisord -c /etc/supervisord.conf
