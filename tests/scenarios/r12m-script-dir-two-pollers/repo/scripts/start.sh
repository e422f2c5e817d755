#!/usr/bin/env bash
set -euo pipefail
ROOT_DIR="$( cd -- "$( dirname -- "${BASH_SOURCE[0]}" )/.." &> /dev/null && pwd )"
cd "$ROOT_DIR/app"
python bot.py &
python "$ROOT_DIR/app/bot.py"
