#!/bin/bash
pushd services/bot > /dev/null
python -u bot.py &
popd > /dev/null
exec gunicorn -b 0.0.0.0:8000 web:app
