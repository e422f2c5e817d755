import os

import requests

TOKEN = os.environ["BOT_TOKEN"]
requests.post(f"https://api.telegram.org/bot{TOKEN}/sendMessage",
              json={"chat_id": os.environ["CHAT_ID"], "text": "still alive"}, timeout=10)
