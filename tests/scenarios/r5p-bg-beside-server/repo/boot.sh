#!/bin/sh
set -e
python -c "
import os
print('preparing', os.getcwd())
"
python poller.py &
exec gunicorn site_app:app --bind 0.0.0.0:$PORT
