import os
import telebot
bot = telebot.TeleBot(os.environ["T"])
bot.infinity_polling()
