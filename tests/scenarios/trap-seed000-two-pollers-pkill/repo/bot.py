"""Seed 000 before the fix: "ultra-aggressive cleanup" kills old bot processes by name
at module load, then polls."""
import os
import subprocess
import time

from telegram.ext import Application, CommandHandler

# 🔧 CLEANUP: kill any old bot process before we start
subprocess.run(["pkill", "-9", "-f", "python bot.py"], check=False)
time.sleep(3)  # let Telegram release the polling lock

application = Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"]).build()


async def start(update, context):
    await update.message.reply_text("Hi")


application.add_handler(CommandHandler("start", start))

if __name__ == "__main__":
    application.run_polling(drop_pending_updates=True)
