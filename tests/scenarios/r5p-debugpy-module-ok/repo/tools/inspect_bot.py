from bot import client

print(client.intents)
