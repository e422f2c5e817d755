#!/bin/sh
exec honcho --procfile envs/prod/Procfile start
