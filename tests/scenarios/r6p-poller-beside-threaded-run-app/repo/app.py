import os
import threading

from aiogram import Bot, Dispatcher, executor
from aiohttp import web

bot = Bot(token=os.getenv("TOKEN"))
dp = Dispatcher(bot)


async def health(request):
    return web.Response(text="ok")


def main():
    app = web.Application()
    app.router.add_get("/", health)
    threading.Thread(target=web.run_app, args=(app,), kwargs={"port": 8000}, daemon=True).start()
    executor.start_polling(dp, skip_updates=True)


main()
