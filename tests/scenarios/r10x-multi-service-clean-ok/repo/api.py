import os
from fastapi import FastAPI
from telegram import Bot

app = FastAPI()
bot = Bot(os.environ["TOKEN"])


@app.post("/notify")
async def notify(text: str):
    await bot.send_message(chat_id=os.environ["CHAT"], text=text)
    return {"ok": True}
