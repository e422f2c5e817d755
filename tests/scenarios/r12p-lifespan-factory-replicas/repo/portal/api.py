import os

from fastapi import FastAPI

from .lifecycle import make_lifespan

app = FastAPI(lifespan=make_lifespan(os.environ["BOT_TOKEN"]))


@app.get("/health")
async def health() -> dict:
    return {"ok": True}
