import sys

from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"

    def ready(self):
        # the digest scheduler belongs to the web process (or the dev server), not to Celery
        if "runserver" in sys.argv or "gunicorn" in sys.argv[0]:
            from .digest import start_digest

            start_digest()
