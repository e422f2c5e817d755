#!/bin/sh
exec python bot.py
