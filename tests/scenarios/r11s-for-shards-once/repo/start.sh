#!/bin/bash
for i in 0 1; do
  python bot.py "$i" &
done
wait
