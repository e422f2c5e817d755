from django.apps import AppConfig


class BotAppConfig(AppConfig):
    name = "botapp"

    def ready(self):
        from .runner import launch
        launch()
