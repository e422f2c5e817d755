import telebot

bot = telebot.TeleBot("123:ABC")
bot.infinity_polling()
