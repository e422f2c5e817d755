#!/bin/sh
python worker.py &
wait
