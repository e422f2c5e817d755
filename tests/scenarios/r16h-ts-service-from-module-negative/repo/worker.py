from telegram.ext import Application

Application.builder().token('x').build().run_polling()
