import os

from aiogram import Bot, Dispatcher, executor
from aiohttp import web

bot = Bot(token=os.getenv("TOKEN"))
dp = Dispatcher(bot)


async def health(request):
    return web.Response(text="ok")


def main():
    app = web.Application()
    app.router.add_get("/", health)
    web.run_app(app, port=8000)
    executor.start_polling(dp, skip_updates=True)


main()
