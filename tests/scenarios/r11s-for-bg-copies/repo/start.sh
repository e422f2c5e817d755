#!/bin/bash
for i in $(seq 1 3); do
  python bot.py &
done
wait
