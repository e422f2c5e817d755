import os

from telegram.ext import ApplicationBuilder

application = ApplicationBuilder().token(os.environ["BOT_TOKEN"]).build()
# signals are left to the surrounding runner, which installs none
application.run_polling(stop_signals=None)
