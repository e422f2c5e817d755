from proj.celery import app


@app.task
def ensure_bot():
    from proj.bot import main

    main()
