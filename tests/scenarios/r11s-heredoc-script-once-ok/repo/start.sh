#!/bin/sh
cat > /tmp/launch.sh <<EOF
echo "starting"
exec python bot.py
EOF
exec sh /tmp/launch.sh
