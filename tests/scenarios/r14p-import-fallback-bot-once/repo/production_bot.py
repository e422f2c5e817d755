from aiogram import Bot, Dispatcher

bot = Bot(token="123:abc")
dp = Dispatcher()
