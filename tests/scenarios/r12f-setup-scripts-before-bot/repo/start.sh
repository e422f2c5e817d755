#!/bin/sh
python health.py &
python scripts/patch_config.py
python scripts/patch_cache.py
if [ -n "$VERBOSE" ]; then
    python scripts/patch_config.py
fi
exec python worker.py
