import asyncio
import os

import uvicorn
from aiogram import Bot, Dispatcher
from fastapi import FastAPI

api = FastAPI()
dp = Dispatcher()


@api.get("/stats")
async def stats():
    return {"users": 0}


async def main():
    bot = Bot(os.environ["BOT_TOKEN"])
    server = uvicorn.Server(uvicorn.Config(api, host="0.0.0.0", port=8000))
    await asyncio.gather(server.serve(), dp.start_polling(bot))


if __name__ == "__main__":
    asyncio.run(main())
