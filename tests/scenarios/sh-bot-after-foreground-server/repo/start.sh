#!/bin/sh
# the bot line only runs once uvicorn has exited
uvicorn app:app --host 0.0.0.0 --port 8000
python bot.py
