"""The API the bot calls (API_URL_BASE=http://localhost:8000)."""
import uvicorn
from fastapi import FastAPI

app = FastAPI()


@app.get("/health")
def health():
    return {"status": "ok"}


@app.post("/explain_news")
def explain_news(payload: dict):
    return {"summary": payload.get("text", "")[:200]}


if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=int(__import__("os").environ.get("PORT", "8000")))
