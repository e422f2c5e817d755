#!/bin/bash
# Seed 003's "complete cleanup" before every start
pkill -f "python.*main.py"
pkill -f telegram
rm -f /tmp/cryptosat_bot.lock
exec python main.py
