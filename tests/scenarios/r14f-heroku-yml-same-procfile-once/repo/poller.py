import os
import telebot

bot = telebot.TeleBot(os.environ["BOT_TOKEN"])

if __name__ == "__main__":
    bot.infinity_polling()
