#!/bin/sh
cd /app
exec honcho -f "envs/$DEPLOY_ENV/Procfile" start
