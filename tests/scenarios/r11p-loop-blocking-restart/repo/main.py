import os
import time

import telebot

bot = telebot.TeleBot(os.environ["TG_TOKEN"])

for attempt in range(5):
    try:
        bot.polling(none_stop=True)
    except Exception as error:
        print("polling stopped", attempt, error)
        time.sleep(5)
