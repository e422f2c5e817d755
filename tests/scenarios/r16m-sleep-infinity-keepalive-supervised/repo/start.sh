#!/bin/bash
sleep 2
exec python bot.py
