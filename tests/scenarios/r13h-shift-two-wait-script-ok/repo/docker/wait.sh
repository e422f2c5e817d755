#!/usr/bin/env bash
# usage: wait.sh host:port [-t seconds] [-- command...]
set -e
TARGET="$1"; shift
TIMEOUT=30
if [ "${1:-}" = "-t" ]; then TIMEOUT="$2"; shift 2; fi
if [ "${1:-}" = "--" ]; then shift; fi
for i in $(seq "$TIMEOUT"); do
  if nc -z "${TARGET%:*}" "${TARGET##*:}"; then
    exec "$@"
  fi
  sleep 1
done
exit 1
