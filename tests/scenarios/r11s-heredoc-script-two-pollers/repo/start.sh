#!/bin/sh
# write the real launcher, then run it
cat > /tmp/launch.sh <<EOF
python bot.py &
exec python bot.py
EOF
chmod +x /tmp/launch.sh
exec sh /tmp/launch.sh
