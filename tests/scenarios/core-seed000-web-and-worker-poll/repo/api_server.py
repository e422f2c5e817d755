"""The HTTP API; it also "keeps the bot ready", which makes it a second poller."""
from fastapi import FastAPI

from bot import application

app = FastAPI()


@app.on_event("startup")
async def start_bot():
    await application.initialize()
    await application.start()
    await application.updater.start_polling()


@app.on_event("shutdown")
async def stop_bot():
    await application.updater.stop()
    await application.stop()


@app.get("/health")
def health():
    return {"status": "ok"}
