from telegram.ext import Application

from settings import SUPPORT_BOT_TOKEN

Application.builder().token(SUPPORT_BOT_TOKEN).build().run_polling()
