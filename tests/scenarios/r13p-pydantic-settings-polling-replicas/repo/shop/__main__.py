from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from .settings import settings

bot = Bot(settings.token)
dispatcher = Dispatcher()


async def on_startup(bot: Bot) -> None:
    await bot.set_webhook(settings.webhook_url)


if settings.use_webhook:
    dispatcher.startup.register(on_startup)
    app = web.Application()
    SimpleRequestHandler(dispatcher=dispatcher, bot=bot).register(app, path="/hook")
    setup_application(app, dispatcher, bot=bot)
    web.run_app(app, port=8080)
else:
    dispatcher.run_polling(bot)
