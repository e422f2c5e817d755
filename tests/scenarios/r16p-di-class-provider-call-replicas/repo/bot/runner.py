from aiogram import Bot, Dispatcher


class Runner:
    def __init__(self, dispatcher: Dispatcher, bot: Bot):
        self.dispatcher = dispatcher
        self.bot = bot

    async def start(self):
        await self.dispatcher.start_polling(self.bot)
