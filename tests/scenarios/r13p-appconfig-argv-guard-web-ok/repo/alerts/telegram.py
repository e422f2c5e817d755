import os

import telebot

bot = telebot.TeleBot(os.environ["ALERT_BOT_TOKEN"])


def poll():
    bot.infinity_polling()
