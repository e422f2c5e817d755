import os

from hydrogram import Client

relay = Client("relay", api_id=int(os.environ["API_ID"]), api_hash=os.environ["API_HASH"],
               bot_token=os.environ["BOT_TOKEN"])

if __name__ == "__main__":
    relay.run()
