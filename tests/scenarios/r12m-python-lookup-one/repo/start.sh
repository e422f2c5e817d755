#!/usr/bin/env bash
PY="$(command -v python3 || command -v python)"
exec "$PY" -u bot.py
