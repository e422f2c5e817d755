import os


class BaseConfig:
    TOKEN = os.environ.get("QUOTES_TOKEN", "")
    USE_WEBHOOK = os.environ.get("USE_WEBHOOK", "0") == "1"
    PORT = 8443


class ProductionConfig(BaseConfig):
    DEBUG = False
