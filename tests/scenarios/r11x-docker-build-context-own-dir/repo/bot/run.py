from telegram.ext import Application

app = Application.builder().token("123:abc").build()
app.run_polling()
