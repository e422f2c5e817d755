import asyncio

from fastapi import FastAPI

from bot import build_application

app = FastAPI()
telegram_app = build_application()


@app.on_event("startup")
async def start_bot() -> None:
    await telegram_app.initialize()
    await telegram_app.start()
    await telegram_app.updater.start_polling()


@app.get("/health")
async def health() -> dict:
    return {"ok": True}
