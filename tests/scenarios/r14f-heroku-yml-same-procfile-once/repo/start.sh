#!/bin/sh
python poller.py &
sleep 3
exec python poller.py
