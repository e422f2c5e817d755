#!/bin/bash
if [ "$DEBUG" = 1 ]; then
  flask run --host 0.0.0.0
else
  gunicorn --preload -w 4 -b 0.0.0.0:8000 app:app
fi
