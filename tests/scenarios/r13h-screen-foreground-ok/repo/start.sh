#!/bin/sh
screen -ls || true
# -D -m: screen does not fork, the container follows the bot
exec screen -DmS bot python bot.py
