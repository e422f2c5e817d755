import asyncio

from aiohttp import web

from bot import dp, bot


async def on_startup(app):
    asyncio.create_task(dp.start_polling(bot))


app = web.Application()
app.on_startup.append(on_startup)

if __name__ == "__main__":
    web.run_app(app, port=8080)
