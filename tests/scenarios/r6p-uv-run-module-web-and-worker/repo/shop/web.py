import asyncio
import os

from aiohttp import web

from shop.handlers import bot, dp


async def orders(request):
    return web.json_response([])


async def start_bot(app):
    app["poller"] = asyncio.create_task(dp.start_polling(bot))


app = web.Application()
app.router.add_get("/orders", orders)
app.on_startup.append(start_bot)

if __name__ == "__main__":
    web.run_app(app, port=int(os.environ.get("PORT", 8080)))
