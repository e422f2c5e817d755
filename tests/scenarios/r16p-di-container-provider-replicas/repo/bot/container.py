from aiogram import Bot, Dispatcher
from dependency_injector import containers, providers

from .runner import Runner


class BotContainer(containers.DeclarativeContainer):
    config = providers.Configuration()
    bot = providers.Singleton(Bot, token=config.token)
    dispatcher = providers.Singleton(Dispatcher)
    runner = providers.Singleton(Runner, dispatcher, bot)
