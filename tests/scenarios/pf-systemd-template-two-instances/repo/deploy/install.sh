#!/bin/sh
set -e
cp deploy/bot@.service /etc/systemd/system/
systemctl daemon-reload
systemctl enable --now bot@1 bot@2
