#!/bin/sh
start_bot() {
  python bot.py &
}

# start_bot  (disabled: the bot runs as its own service)
exec gunicorn -b 0.0.0.0:8000 app:app
