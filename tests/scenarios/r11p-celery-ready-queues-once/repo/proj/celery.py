import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")
app = Celery("proj")
app.autodiscover_tasks(["bots"])


@signals.celeryd_after_setup.connect
def after_setup(*args, **kwargs):
    from bots.tasks import run_bots

    run_bots.delay()
