#!/bin/sh
set -e
fly deploy
fly scale count 2 --process-group worker --yes
