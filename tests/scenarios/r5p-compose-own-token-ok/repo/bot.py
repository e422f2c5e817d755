import os

import telebot

bot = telebot.TeleBot(os.environ.get("BOT_TOKEN"))
bot.infinity_polling()
