from aiohttp import web


def serve():
    web.run_app(web.Application(), port=8080)
