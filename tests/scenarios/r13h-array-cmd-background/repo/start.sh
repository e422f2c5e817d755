#!/bin/bash
set -euo pipefail
bot_cmd=(python -u bot.py)
web_cmd=(gunicorn --bind "0.0.0.0:${PORT:-8000}")
web_cmd+=(web:app)
"${bot_cmd[@]}" &
exec "${web_cmd[@]}"
