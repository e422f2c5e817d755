import os

from telegram.ext import ApplicationBuilder, CommandHandler


async def start(update, context):
    await update.message.reply_text("hello")


app = ApplicationBuilder().token(os.environ["BOT_TOKEN"]).build()
app.add_handler(CommandHandler("start", start))
app.run_webhook(listen="0.0.0.0", port=80, webhook_url=os.environ["PUBLIC_URL"])
