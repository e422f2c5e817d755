#!/bin/bash
for step in migrate seed; do
  python manage.py "$step"
done
for i in 1 2 3; do
  echo "attempt $i"
done
exec python bot.py
