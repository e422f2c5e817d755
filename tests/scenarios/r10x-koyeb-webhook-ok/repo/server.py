import os

from flask import Flask, request
import telebot

bot = telebot.TeleBot(os.environ["TOKEN"])
app = Flask(__name__)


@app.post("/hook")
def hook():
    bot.process_new_updates([telebot.types.Update.de_json(request.get_data(as_text=True))])
    return "ok"


@app.get("/set")
def set_hook():
    bot.set_webhook(url=os.environ["PUBLIC_URL"] + "/hook")
    return "set"
