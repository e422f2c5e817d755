import asyncio

from loguru import logger

from handlers.telegram_bot import TelegramBot
from utils.process_lock import ProcessLock


async def main():
    lock_file_path = "/tmp/cryptosat_bot.lock"
    with ProcessLock(lock_file_path) as lock:
        if not lock.acquired:
            logger.error("Another instance is already running")
            return
        bot = TelegramBot()
        await bot.start()
        await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
