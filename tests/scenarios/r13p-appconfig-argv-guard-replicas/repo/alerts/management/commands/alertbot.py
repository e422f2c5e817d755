import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "keeps the process alive while AlertsConfig.ready() polls"

    def handle(self, *args, **options):
        while True:
            time.sleep(3600)
