import os
from functools import partial

from aiogram import Bot, Dispatcher
from aiogram.utils import executor

bot = Bot(os.getenv("BOT_TOKEN"), parse_mode="HTML")
dp = Dispatcher(bot)

start_polling = partial(executor.start_polling, dp, skip_updates=True)
