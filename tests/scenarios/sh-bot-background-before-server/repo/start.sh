#!/bin/sh
python bot.py &
uvicorn app:app --host 0.0.0.0 --port 8000
