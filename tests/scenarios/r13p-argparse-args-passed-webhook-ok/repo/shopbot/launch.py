import os

from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

dispatcher = Dispatcher()


def launch(options):
    bot = Bot(os.environ["SHOP_TOKEN"])
    if options.webhook:
        app = web.Application()
        SimpleRequestHandler(dispatcher=dispatcher, bot=bot).register(app, path="/hook")
        setup_application(app, dispatcher, bot=bot)
        web.run_app(app, port=8080)
    else:
        dispatcher.run_polling(bot)
