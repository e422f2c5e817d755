#!/bin/bash
on_exit() {
  echo "bot stopped, starting it again"
  python bot.py
}
trap on_exit EXIT
python bot.py
