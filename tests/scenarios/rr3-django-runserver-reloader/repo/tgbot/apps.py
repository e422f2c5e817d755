import threading

from django.apps import AppConfig


class TgbotConfig(AppConfig):
    name = "tgbot"

    def ready(self):
        from .polling import run
        threading.Thread(target=run, daemon=True).start()
