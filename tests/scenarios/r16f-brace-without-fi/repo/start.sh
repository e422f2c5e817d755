#!/usr/bin/env bash
log() { if [[ "${QUIET:-0}" -ne 1 ]]; then echo "$@" 1>&2; }
log "starting"
exec gunicorn app:app --bind "0.0.0.0:$PORT"
