from telegram.ext import ApplicationBuilder

app = ApplicationBuilder().token("x").build()
app.run_polling()
