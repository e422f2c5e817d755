SECRET_KEY = "change-me"
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "notify.apps.NotifyConfig",
]
