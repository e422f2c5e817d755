#!/bin/sh
exec honcho --procfile "envs/$DEPLOY_ENV/Procfile" start
