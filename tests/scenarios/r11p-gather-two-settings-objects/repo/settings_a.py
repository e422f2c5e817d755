import os


class Settings:
    bot_token = os.environ.get("ORDERS_BOT", "")


settings = Settings()
