"""One process per shop bot; the tokens come from SHOP_TOKENS (comma separated)."""
import os
from concurrent.futures import ProcessPoolExecutor

from aiogram import Bot, Dispatcher
import asyncio


def serve(token: str) -> None:
    dispatcher = Dispatcher()
    asyncio.run(dispatcher.start_polling(Bot(token)))


def main() -> None:
    tokens = [t for t in os.environ.get("SHOP_TOKENS", "").split(",") if t]
    with ProcessPoolExecutor(max_workers=len(tokens) or 1) as pool:
        list(pool.map(serve, tokens))


if __name__ == "__main__":
    main()
