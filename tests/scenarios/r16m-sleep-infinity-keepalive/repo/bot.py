from telegram.ext import Application

Application.builder().token("t").build().run_polling()
