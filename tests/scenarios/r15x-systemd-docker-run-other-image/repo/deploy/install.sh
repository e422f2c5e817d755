#!/bin/sh
docker pull redis:7-alpine
systemctl enable --now pollbot@1 pollbot@2
