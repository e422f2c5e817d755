import os

import telebot

bot = telebot.TeleBot(os.environ["BOT_TOKEN"])


@bot.message_handler(commands=["remind"])
def remind(message):
    bot.reply_to(message, "noted")


bot.infinity_polling()
