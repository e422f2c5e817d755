import sys

from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"

    def ready(self):
        # only the bot process polls; the web workers load the same apps
        if "alertbot" in sys.argv:
            from .telegram import poll

            poll()
