import os


class Settings:
    bot_token = os.environ.get("SUPPORT_BOT", "")


settings = Settings()
