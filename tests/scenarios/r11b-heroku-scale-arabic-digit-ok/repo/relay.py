import os

import telebot

bot = telebot.TeleBot(os.environ["BOT_TOKEN"])


@bot.message_handler(func=lambda message: True)
def echo(message):
    bot.reply_to(message, message.text)


bot.infinity_polling()
