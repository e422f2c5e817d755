#!/bin/sh
exec python3 /home/deploy/relay/main.py
