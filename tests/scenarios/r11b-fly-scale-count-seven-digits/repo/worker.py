import os
from telegram.ext import ApplicationBuilder

ApplicationBuilder().token(os.environ["TOKEN"]).build().run_polling()
