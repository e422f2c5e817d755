import telebot

bot = telebot.TeleBot("x")
bot.infinity_polling()
