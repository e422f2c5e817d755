import os

import uvicorn
from fastapi import FastAPI

app = FastAPI()


@app.get("/explain_news")
async def explain_news(text: str) -> dict:
    return {"explanation": text[:100]}


if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=int(os.getenv("PORT", "8000")))
