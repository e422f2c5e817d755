#!/usr/bin/env bash
set -euo pipefail

require_var() {
    local name="$1"
    shift
    if [ -z "${!name:-}" ]; then
        echo "missing $name" >&2
        return 1
    fi
    return 0
}

port_is_numeric() {
    python3 -S - "$1" <<'PY'
import sys
sys.exit(0 if sys.argv[1].isdigit() else 1)
PY
}

require_var BOT_TOKEN
port_is_numeric "${PORT:-8000}" || exit 1
command -v python3 >/dev/null || exit 1
python bot.py &
exec gunicorn site:app --bind 0.0.0.0:$PORT
