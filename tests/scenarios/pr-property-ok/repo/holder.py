import os

from webkit import Application


class Holder:
    @property
    def app(self):
        return Application(os.environ["BOT_TOKEN"])
