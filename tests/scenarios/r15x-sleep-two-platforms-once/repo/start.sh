#!/bin/sh
sleep 5
exec python bot.py
