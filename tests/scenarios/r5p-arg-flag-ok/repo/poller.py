import os

import telebot

telebot.TeleBot(os.environ["BOT_TOKEN"]).infinity_polling()
