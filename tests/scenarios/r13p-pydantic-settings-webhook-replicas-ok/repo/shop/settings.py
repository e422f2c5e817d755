from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ShopSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SHOP_", env_file=".env")

    token: str = Field(default="", alias="SHOP_BOT_TOKEN")
    use_webhook: bool = False
    webhook_url: str = ""


settings = ShopSettings()
