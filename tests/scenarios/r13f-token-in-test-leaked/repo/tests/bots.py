import os

# fallbacks so contributors can run the tests without their own token
FALLBACKS = [
    {"token": "6093847152:AAq7Zk2_Lm9xBv4RtY8wN3cP6dHs1Jf0gUe"},
]

TOKEN = os.getenv("TEST_BOT_TOKEN") or FALLBACKS[0]["token"]
