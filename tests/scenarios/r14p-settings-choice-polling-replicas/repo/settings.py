import os


class Common:
    token = os.environ.get("LIBRARY_BOT_TOKEN", "")
    webhook = False
    port = 8080


class Production(Common):
    webhook = True


class Development(Common):
    webhook = False


settings = Production() if os.getenv("APP_ENV") == "production" else Development()
