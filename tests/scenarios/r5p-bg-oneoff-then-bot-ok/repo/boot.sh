#!/bin/sh
set -e
python -c "
import os
print('preparing', os.getcwd())
"
exec python poller.py
