from fastapi import FastAPI

from app import scheduler

app = FastAPI()


@app.on_event("startup")
def start_jobs():
    scheduler.start()
