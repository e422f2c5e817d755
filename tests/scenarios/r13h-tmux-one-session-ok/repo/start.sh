#!/bin/sh
if tmux has-session -t bot 2>/dev/null; then
  exit 0
fi
tmux new -d -s bot -c /app \; send-keys -t bot "python bot.py" Enter
exec tail -f /dev/null
