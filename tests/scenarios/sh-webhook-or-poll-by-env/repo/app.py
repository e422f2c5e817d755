import os

import telebot
from flask import Flask, request

bot = telebot.TeleBot(os.environ["TELEGRAM_BOT_TOKEN"])
app = Flask(__name__)
bot.remove_webhook()
bot.set_webhook(url=os.environ["WEBHOOK_URL"] + "/hook")


@app.post("/hook")
def hook():
    bot.process_new_updates([telebot.types.Update.de_json(request.get_data(as_text=True))])
    return "ok"
