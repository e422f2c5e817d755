#!/bin/bash
python bot.py &
wait
# only once the first one has exited
python bot.py
