import os
from pathlib import Path


def choose_settings():
    os.environ.setdefault(
        "DJANGO_SETTINGS_MODULE",
        "config.local" if Path("config/local.py").exists() else "config.settings",
    )
