import os

import telebot

import store

store.save("state.json", {"started": True})
bot = telebot.TeleBot(os.environ["BOT_TOKEN"])
bot.infinity_polling()
