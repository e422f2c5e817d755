from proj.celery import app


@app.task
def weekly_report():
    print("report")
