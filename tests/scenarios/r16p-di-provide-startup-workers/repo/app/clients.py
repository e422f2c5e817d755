from aiogram import Bot, Dispatcher
from dependency_injector import containers, providers


class Poller:
    def __init__(self, token):
        self.bot = Bot(token)
        self.dp = Dispatcher()

    async def run(self):
        await self.dp.start_polling(self.bot)


class Clients(containers.DeclarativeContainer):
    config = providers.Configuration()
    poller = providers.Singleton(Poller, token=config.token)
