from pydantic_settings import BaseSettings


class TelegramSettings(BaseSettings):
    BOT_TOKEN: str = ""  # the assistant bot: long polling
    INTAKE_TOKEN: str = ""  # the ticket-intake bot: webhook
    WEBHOOK_URL: str = ""


settings = TelegramSettings()
