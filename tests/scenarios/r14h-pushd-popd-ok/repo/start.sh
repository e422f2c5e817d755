#!/bin/bash
set -e
pushd services/bot > /dev/null
exec python -u bot.py
