INSTALLED_APPS = ["django.contrib.auth", "orders.apps.OrdersConfig"]
