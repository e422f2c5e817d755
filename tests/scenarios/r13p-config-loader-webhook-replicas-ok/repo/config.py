import os
from dataclasses import dataclass


@dataclass(frozen=True)
class BotConfig:
    token: str
    webhook: bool
    port: int = 8443


def load_config() -> BotConfig:
    return BotConfig(
        token=os.environ["HELPER_TOKEN"],
        webhook=os.getenv("BOT_MODE", "polling").lower() == "webhook",
    )


config = load_config()
