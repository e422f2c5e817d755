import os

from aiohttp import web

from shop.handlers import bot


async def orders(request):
    return web.json_response([])


async def announce(app):
    await bot.send_message(int(os.environ["ADMIN_ID"]), "shop web is up")


app = web.Application()
app.router.add_get("/orders", orders)
app.on_startup.append(announce)

if __name__ == "__main__":
    web.run_app(app, port=int(os.environ.get("PORT", 8080)))
