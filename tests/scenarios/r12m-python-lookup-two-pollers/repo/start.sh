#!/usr/bin/env bash
PY="$(command -v python3 || command -v python)"
"$PY" -u bot.py &
PYTHON_BIN=$(which python3)
exec "$PYTHON_BIN" bot.py
