import threading

from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "orders"

    def ready(self):
        from .notify import poll

        threading.Thread(target=poll, daemon=True).start()
