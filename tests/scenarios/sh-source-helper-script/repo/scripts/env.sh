export PYTHONUNBUFFERED=1

start_bot() {
  nohup python bot.py > bot.log 2>&1 &
}
