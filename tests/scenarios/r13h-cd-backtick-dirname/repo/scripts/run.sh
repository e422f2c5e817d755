#!/bin/bash
cd ..
python bot.py &
exec python bot.py
