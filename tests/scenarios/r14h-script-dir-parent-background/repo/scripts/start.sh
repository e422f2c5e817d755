#!/bin/bash
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$SCRIPT_DIR")"
python "$ROOT/bot.py" &
cd "$ROOT"
exec gunicorn -b 0.0.0.0:8000 web:app
