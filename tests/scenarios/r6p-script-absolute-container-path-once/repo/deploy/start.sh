#!/bin/sh
set -e
/srv/deploy/wait-for.sh db:5432
exec python /srv/bot/poller.py
