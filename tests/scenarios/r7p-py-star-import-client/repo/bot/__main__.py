import os

from . import *

bot.start(bot_token=os.environ["BOT_TOKEN"])
bot.run_until_disconnected()
