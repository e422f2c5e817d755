import os

from telegram.ext import Application


class Holder:
    @property
    def app(self):
        return Application.builder().token(os.environ["BOT_TOKEN"]).build()
