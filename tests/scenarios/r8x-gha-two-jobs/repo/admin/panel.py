import os

from telegram.ext import ApplicationBuilder, CommandHandler


async def stats(update, context):
    await update.message.reply_text("ok")


app = ApplicationBuilder().token(os.environ["BOT_TOKEN"]).build()
app.add_handler(CommandHandler("stats", stats))
app.run_polling()
