"""Webhook bot: Telegram POSTs updates to /webhook; any worker may handle one."""
import os

import telebot
from flask import Flask, request

bot = telebot.TeleBot(os.environ["TELEGRAM_BOT_TOKEN"], threaded=False)
app = Flask(__name__)


@bot.message_handler(commands=["start"])
def start(message):
    bot.reply_to(message, "Hi")


@app.post("/webhook")
def webhook():
    update = telebot.types.Update.de_json(request.get_data(as_text=True))
    bot.process_new_updates([update])
    return "ok"


bot.remove_webhook()
bot.set_webhook(url=os.environ["WEBHOOK_URL"] + "/webhook")
