"""RVX bot (seed 001): polling, guarded by an exclusive lock file in /tmp."""
import atexit
import logging
import os
import sys

from telegram.ext import Application, CommandHandler

logger = logging.getLogger(__name__)
LOCK_FILE = "/tmp/rvx_bot.lock"


def acquire_lock():
    try:
        fd = os.open(LOCK_FILE, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        logger.error("🚨 CRITICAL: Another bot instance is already running!")
        sys.exit(1)
    os.write(fd, str(os.getpid()).encode())
    os.close(fd)
    logger.info("🔒 Bot lock acquired (PID: %s)", os.getpid())


def release_lock():
    try:
        os.remove(LOCK_FILE)
    except FileNotFoundError:
        pass


async def start(update, context):
    await update.message.reply_text("Hi")


def main():
    acquire_lock()
    atexit.register(release_lock)
    application = Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"]).build()
    application.add_handler(CommandHandler("start", start))
    application.run_polling()


if __name__ == "__main__":
    main()
