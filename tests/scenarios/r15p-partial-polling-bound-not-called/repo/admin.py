import os

from aiohttp import web

from relay import bot


async def broadcast(request):
    await bot.send_message(os.environ["CHANNEL_ID"], await request.text())
    return web.Response(text="sent")


if __name__ == "__main__":
    site = web.Application()
    site.router.add_post("/broadcast", broadcast)
    web.run_app(site, port=int(os.environ.get("PORT", "8080")))
