import telebot
b=telebot.TeleBot("x")
b.infinity_polling()
