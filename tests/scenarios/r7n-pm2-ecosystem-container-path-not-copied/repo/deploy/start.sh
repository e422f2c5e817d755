#!/bin/sh
set -e
echo "starting"
exec pm2-runtime start /srv/status/deploy/ecosystem.config.js
