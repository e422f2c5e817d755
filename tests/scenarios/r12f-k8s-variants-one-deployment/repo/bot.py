from telegram.ext import Application

app = Application.builder().token("x").build()
app.run_polling()
