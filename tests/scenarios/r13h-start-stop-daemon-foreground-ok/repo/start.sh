#!/bin/bash
start-stop-daemon --stop --oknodo --pidfile /tmp/bot.pid
exec start-stop-daemon --start --make-pidfile --pidfile /tmp/bot.pid --startas /usr/local/bin/python -- bot.py
