import os

from aiogram import Bot, Dispatcher


class Runner:
    async def start(self) -> None:
        raise NotImplementedError


class UpdatesRunner(Runner):
    async def start(self) -> None:
        await Dispatcher().start_polling(Bot(os.environ["JOBS_BOT_TOKEN"]))


class MetricsRunner(Runner):
    async def start(self) -> None:
        print("metrics on")
