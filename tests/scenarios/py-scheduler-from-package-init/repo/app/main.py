from fastapi import FastAPI

from app import scheduler

app = FastAPI()


def cleanup():
    pass


@app.on_event("startup")
def start_jobs():
    scheduler.add_job(cleanup, "interval", minutes=5)
    scheduler.start()
