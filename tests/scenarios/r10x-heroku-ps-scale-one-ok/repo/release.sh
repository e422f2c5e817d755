#!/bin/sh
set -e
git push heroku main
heroku ps:scale web=0 worker=1 -a relay-bot
