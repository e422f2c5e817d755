#!/bin/sh
set -e
doctl apps update "$APP_ID" --spec deploy/digitalocean/spec.yml
