#!/bin/sh
tmux kill-session -t bot 2>/dev/null || true
tmux new-session -d -s bot -n main
tmux send-keys -t bot:main "python bot.py" C-m
# a "watchdog" window that starts the same bot again
tmux new-window -t bot -n spare "python bot.py"
exec tail -f /dev/null
