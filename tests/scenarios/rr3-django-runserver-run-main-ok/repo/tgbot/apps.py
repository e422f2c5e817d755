import os
import threading

from django.apps import AppConfig


class TgbotConfig(AppConfig):
    name = "tgbot"

    def ready(self):
        # only the autoreloader's child (the one that serves) has RUN_MAIN set
        if os.environ.get("RUN_MAIN") == "true":
            from .polling import run
            threading.Thread(target=run, daemon=True).start()
