import telebot

bot = telebot.TeleBot("123:abc")
bot.infinity_polling()
