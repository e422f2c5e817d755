from proj.celery import app

from bots.session import open_session


@app.task
def sync_channels():
    client = open_session()
    for dialog in client.iter_dialogs():
        print(dialog.name)
