import asyncio

import uvicorn

from api import app


async def main():
    server = uvicorn.Server(uvicorn.Config(app, host="0.0.0.0", port=8000, workers=4))
    await server.serve()


if __name__ == "__main__":
    asyncio.run(main())
