import os

import telebot

bot = telebot.TeleBot(os.environ["BOT_TOKEN"])


@bot.message_handler(commands=["ping"])
def ping(message):
    bot.reply_to(message, "pong")


bot.infinity_polling()
