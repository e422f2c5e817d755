import os

from . import *


class Dashboard:
    def start(self, bot_token=None):
        print("dashboard for", bot_token)

    def run_until_disconnected(self):
        print("serving")


bot = Dashboard()  # the star-imported client is shadowed here and never started
bot.start(bot_token=os.environ["BOT_TOKEN"])
bot.run_until_disconnected()
