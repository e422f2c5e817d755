#!/bin/sh
docker pull ghcr.io/me/pollbot:latest
systemctl enable --now pollbot@1 pollbot@2
