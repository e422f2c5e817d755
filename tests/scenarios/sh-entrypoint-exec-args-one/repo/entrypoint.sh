#!/bin/sh
set -e
python migrate.py
exec "$@"
