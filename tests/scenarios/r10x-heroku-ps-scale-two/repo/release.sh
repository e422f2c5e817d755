#!/bin/sh
set -e
git push heroku main
heroku ps:scale worker=2:standard-1x -a relay-bot
