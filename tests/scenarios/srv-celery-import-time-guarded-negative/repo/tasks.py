from celery import Celery

from bot import bot

app = Celery("tasks", broker="redis://localhost:6379/0")


@app.task
def notify(chat_id, text):
    bot.send_message(chat_id, text)
