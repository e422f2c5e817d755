#!/bin/bash
. ./scripts/env.sh
exec python bot.py
