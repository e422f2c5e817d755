#!/bin/sh
sed -i "s|{{APP_ENV}}|$1|g; s|{{ BOT_IMAGE }}|$2|g" k8s/bot.yaml
kubectl apply -f k8s/
