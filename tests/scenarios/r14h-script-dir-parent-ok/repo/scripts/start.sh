#!/bin/bash
HERE=$(dirname "$0")
ROOT=$(readlink -f "${HERE}/..")
exec python "$ROOT/bot.py"
