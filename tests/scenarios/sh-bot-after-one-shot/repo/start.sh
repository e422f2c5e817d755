#!/bin/sh
python migrate.py
python bot.py
