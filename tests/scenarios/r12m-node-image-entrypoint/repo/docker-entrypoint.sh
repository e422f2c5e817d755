#!/bin/sh
node bot.js &
exec "$@"
