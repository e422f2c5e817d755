#!/bin/bash
source ./scripts/env.sh
start_bot
exec gunicorn -b 0.0.0.0:8000 app:app
