#!/bin/sh
set -e
exec python bot.py
