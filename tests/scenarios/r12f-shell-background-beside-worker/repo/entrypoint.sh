#!/bin/sh
uploader-daemon --serve &
exec python worker.py
