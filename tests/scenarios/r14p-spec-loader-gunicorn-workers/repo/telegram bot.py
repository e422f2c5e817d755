import os

import telebot

bot = telebot.TeleBot(os.environ["HELPDESK_TOKEN"])


@bot.message_handler(commands=["ticket"])
def ticket(message):
    bot.reply_to(message, "Ticket opened.")


def main():
    bot.infinity_polling(skip_pending=True)
