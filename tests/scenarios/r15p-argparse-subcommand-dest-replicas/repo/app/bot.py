import os

from aiogram import Bot, Dispatcher
from aiogram.utils import executor

bot = Bot(token=os.environ["BOT_TOKEN"])
dp = Dispatcher(bot)


def run():
    executor.start_polling(dp, skip_updates=True)
