import threading

from fastapi import FastAPI

from bot import run_bot

RUN_BOT_IN_WEB = False  # the bot runs as its own service now

app = FastAPI()

if RUN_BOT_IN_WEB:
    threading.Thread(target=run_bot, daemon=True).start()


@app.get("/")
def index():
    return {"ok": True}
