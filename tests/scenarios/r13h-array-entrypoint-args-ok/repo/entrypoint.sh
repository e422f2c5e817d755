#!/bin/bash
set -e
cmd=("${PYTHON:-python}" -u "$@")
echo "starting ${cmd[*]}"
exec "${cmd[@]}"
