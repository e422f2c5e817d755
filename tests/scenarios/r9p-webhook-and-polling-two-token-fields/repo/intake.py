import requests
from fastapi import FastAPI, Request

from config import settings

app = FastAPI()


@app.on_event("startup")
def register_webhook() -> None:
    url = f"https://api.telegram.org/bot{settings.INTAKE_TOKEN}/setWebhook"
    requests.post(url, json={"url": settings.WEBHOOK_URL}, timeout=10)


@app.post("/telegram")
async def updates(request: Request) -> dict:
    await request.json()
    return {"ok": True}
