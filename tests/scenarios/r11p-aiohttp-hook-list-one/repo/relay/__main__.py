from aiohttp import web

from relay import hooks


def build() -> web.Application:
    app = web.Application()
    startup = [hooks.make_dispatcher, hooks.begin_polling]
    app.on_startup.extend(startup)
    return app


web.run_app(build(), port=8080)
