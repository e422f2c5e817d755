from telegram.ext import Application
import os
Application.builder().token(os.environ['T']).build().run_polling()
