#!/bin/bash
BOTS="shop support shop"
for name in $BOTS; do
  python "bots/$name.py" &
done
wait
