import os
import threading

import telebot
import uvicorn
from fastapi import FastAPI

api = FastAPI()
bot = telebot.TeleBot(os.environ["BOT_TOKEN"])


@api.get("/health")
def health():
    return {"ok": True}


if __name__ == "__main__":
    threading.Thread(target=bot.infinity_polling, daemon=True).start()
    uvicorn.run("server:api", host="0.0.0.0", port=int(os.environ.get("PORT", "8000")), reload=True, workers=2)
