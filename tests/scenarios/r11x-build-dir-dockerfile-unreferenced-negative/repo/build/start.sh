#!/bin/sh
cd /srv
exec python3 main.py
