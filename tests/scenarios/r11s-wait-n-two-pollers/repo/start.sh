#!/bin/bash
python bot.py &
python bot.py &
wait -n
exit $?
