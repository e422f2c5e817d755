#!/usr/bin/env bash
log() { if [[ "${QUIET:-0}" -ne 1 ]]; then echo "$@" 1>&2; fi }
retry() { for i in 1 2 3; do pg_isready -h db && return 0; sleep 1; done }
pick() { case "$1" in web) echo web;; *) echo other;; esac }
log "starting"
retry
exec gunicorn app:app --bind "0.0.0.0:$PORT"
