#!/bin/bash
while true; do python serve.py; sleep 5; done &
python serve.py
