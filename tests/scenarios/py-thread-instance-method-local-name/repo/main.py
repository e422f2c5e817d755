import os
import threading

from telegram import Bot

from jobs import Jobs


if __name__ == "__main__":
    bot = Bot(os.environ["BOT_TOKEN"])
    jobs = Jobs(bot)
    threading.Thread(target=jobs.run_polling, daemon=True).start()
    jobs.run_polling()
