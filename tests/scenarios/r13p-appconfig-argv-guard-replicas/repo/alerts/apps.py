from sys import argv

from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"

    def ready(self):
        if len(argv) > 1 and argv[1] == "alertbot":
            from .telegram import poll

            poll()
