SECRET_KEY = "dev-only"
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "botapp.apps.BotAppConfig",
]
