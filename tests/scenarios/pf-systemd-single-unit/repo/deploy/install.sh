#!/bin/sh
set -e
cp deploy/bot.service /etc/systemd/system/
systemctl enable --now bot
