#!/bin/sh
# wait until a TCP port answers
until nc -z "${1%:*}" "${1##*:}"; do sleep 1; done
