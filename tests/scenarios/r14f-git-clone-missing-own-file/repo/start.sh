#!/bin/bash
git clone https://example.com/tools/helpers.git
python3 poller.py
