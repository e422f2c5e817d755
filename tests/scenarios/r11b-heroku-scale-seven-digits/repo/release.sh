#!/bin/sh
set -e
git push heroku main
heroku ps:scale worker=1234567:standard-1x -a relay-bot
