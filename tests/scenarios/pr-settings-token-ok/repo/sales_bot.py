from telegram.ext import Application

from settings import SALES_BOT_TOKEN

Application.builder().token(SALES_BOT_TOKEN).build().run_polling()
