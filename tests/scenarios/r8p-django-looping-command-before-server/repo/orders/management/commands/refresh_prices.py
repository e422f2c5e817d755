import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "refresh prices forever"

    def handle(self, *args, **options):
        while True:
            self.stdout.write("refresh")
            time.sleep(60)
