"""Admin API: sends messages through the bot, never polls."""
from flask import Flask

import bot

app = Flask(__name__)


@app.post("/notify/<int:chat_id>")
async def notify(chat_id):
    await bot.application.bot.send_message(chat_id, "ping")
    return "sent"
