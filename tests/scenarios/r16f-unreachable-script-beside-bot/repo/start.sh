#!/bin/bash
python3 /srv/feed.py &
exec python3 /srv/relay.py
