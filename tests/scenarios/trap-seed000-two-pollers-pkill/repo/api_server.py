"""The API process; it also brings the bot up, so the bot polls from two processes."""
from fastapi import FastAPI

from bot import application

app = FastAPI()


@app.on_event("startup")
async def start_bot():
    await application.initialize()
    await application.start()
    await application.updater.start_polling()


@app.get("/health")
def health():
    return {"status": "ok"}
