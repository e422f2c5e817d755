import os
import threading

from fastapi import FastAPI

from bot import run_bot

RUN_BOT_IN_WEB = os.environ.get("RUN_BOT_IN_WEB", "") == "1"

app = FastAPI()

if RUN_BOT_IN_WEB:
    threading.Thread(target=run_bot, daemon=True).start()


@app.get("/")
def index():
    return {"ok": True}
