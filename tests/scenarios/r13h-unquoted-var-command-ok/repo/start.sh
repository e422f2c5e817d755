#!/bin/bash
PY="python3 -u"
PIP=".venv/bin/pip --disable-pip-version-check"
$PIP --version || true
exec $PY bot.py
