import os


class Config:
    TOKEN = os.environ.get("RECIPES_TOKEN", "")
    USE_WEBHOOK = False


class DevelopmentConfig(Config):
    DEBUG = True


class ProductionConfig(Config):
    USE_WEBHOOK = True
    WEBHOOK_URL = "https://recipes.example.org/bot"


config_by_name = {"development": DevelopmentConfig, "production": ProductionConfig}
config = config_by_name[os.getenv("RECIPES_ENV", "development")]
