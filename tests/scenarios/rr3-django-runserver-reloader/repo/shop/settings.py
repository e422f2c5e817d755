SECRET_KEY = "dev"
INSTALLED_APPS = ["django.contrib.auth", "tgbot"]
