import os

import telebot
from celery import Celery

celery = Celery("tasks", broker=os.environ.get("REDIS_URL"))


@celery.task
def run_bot():
    telebot.TeleBot(os.environ["TELEGRAM_TOKEN"]).infinity_polling()
