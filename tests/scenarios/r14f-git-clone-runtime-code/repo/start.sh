#!/bin/bash
git clone --depth 1 -b main "$UPSTREAM_REPO" app
cd app
pip3 install -r requirements.txt
python3 update.py && python3 bot.py
