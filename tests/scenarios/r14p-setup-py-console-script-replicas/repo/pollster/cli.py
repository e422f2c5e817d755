import os

import telebot

bot = telebot.TeleBot(os.environ["POLLSTER_TOKEN"])


@bot.message_handler(commands=["poll"])
def poll(message):
    bot.send_poll(message.chat.id, "Lunch?", ["Pizza", "Salad"])


def main():
    bot.infinity_polling()
