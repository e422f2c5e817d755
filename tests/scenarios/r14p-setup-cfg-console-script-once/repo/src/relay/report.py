import os

import requests


def run():
    requests.post(f"https://api.telegram.org/bot{os.environ['RELAY_TOKEN']}/sendMessage",
                  json={"chat_id": os.environ["REPORT_CHAT"], "text": "daily report"}, timeout=10)
