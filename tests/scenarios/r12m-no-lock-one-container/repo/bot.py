from telegram.ext import Application
import os
Application.builder().token(os.environ["BOT_TOKEN"]).build().run_polling()
