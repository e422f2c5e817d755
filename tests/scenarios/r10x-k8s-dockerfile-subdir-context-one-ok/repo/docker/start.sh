#!/bin/sh
exec python /app/relay.py
