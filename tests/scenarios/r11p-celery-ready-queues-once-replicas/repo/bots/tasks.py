import os

import telebot
from celery import shared_task


@shared_task
def run_bots():
    bot = telebot.TeleBot(os.environ["TG_TOKEN"])
    bot.infinity_polling()
