from flask import Flask
import telebot

app = Flask(__name__)
bot = telebot.TeleBot("123:ABC")


@app.route("/")
def index():
    return "ok"


@app.cli.command("run-bot")
def run_bot():
    bot.infinity_polling()
