import telebot
