import atexit
import os

from telegram.ext import Application, CommandHandler

LOCK_FILE = "/tmp/rvx_bot.lock"


def acquire_lock() -> bool:
    try:
        fd = os.open(LOCK_FILE, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return False
    os.write(fd, str(os.getpid()).encode())
    os.close(fd)
    atexit.register(lambda: os.path.exists(LOCK_FILE) and os.remove(LOCK_FILE))
    return True


async def start(update, context):
    await update.message.reply_text("Hi!")


def main() -> None:
    if not acquire_lock():
        print("CRITICAL: Another bot instance is already running!")
        return
    application = Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"]).build()
    application.add_handler(CommandHandler("start", start))
    application.run_polling()


if __name__ == "__main__":
    main()
