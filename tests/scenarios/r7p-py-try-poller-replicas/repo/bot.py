import os
import time

import telebot

bot = telebot.TeleBot(os.environ["BOT_TOKEN"])

while True:
    try:
        bot.polling(none_stop=True)
    except Exception as error:
        print("polling crashed, restarting", error)
        time.sleep(5)
