#!/bin/sh
# written on Windows under WSL: the interpreter is addressed by its Windows path
cd "$(dirname "$0")"
/mnt/c/Python312/python.exe bot.py
