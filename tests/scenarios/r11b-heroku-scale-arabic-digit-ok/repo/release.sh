#!/bin/sh
set -e
git push heroku main
heroku ps:scale worker=٣:standard-1x -a relay-bot
