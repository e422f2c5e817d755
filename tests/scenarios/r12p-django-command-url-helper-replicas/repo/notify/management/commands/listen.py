import os

from django.core.management import BaseCommand

from notify.tg.api import BotApi


class Command(BaseCommand):
    help = "Reads the bot's messages"

    def __init__(self) -> None:
        super().__init__()
        self.api = BotApi(os.environ["TG_TOKEN"])

    def handle(self, *args, **options) -> None:
        offset = 0
        while True:
            for update in self.api.fetch(offset).get("result", []):
                offset = update["update_id"] + 1
