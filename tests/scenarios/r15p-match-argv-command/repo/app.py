import os
import sys

from aiohttp import web
from aiogram import Bot, Dispatcher, executor

bot = Bot(token=os.environ["BOT_TOKEN"])
dp = Dispatcher(bot)


def serve():
    web.run_app(web.Application(), port=int(os.environ.get("PORT", "8080")))


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "web"
    match command:
        case "bot" | "poll":
            executor.start_polling(dp, skip_updates=True)
        case "web":
            serve()
        case _:
            sys.exit(f"unknown command {command}")
