import requests


class BotApi:
    def __init__(self, token: str) -> None:
        self.token = token

    def endpoint(self, method: str) -> str:
        return f"https://api.telegram.org/bot{self.token}/{method}"

    def fetch(self, offset: int) -> dict:
        address = self.endpoint("getUpdates")
        return requests.get(address, params={"offset": offset, "timeout": 50}, timeout=60).json()
