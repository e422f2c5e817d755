import os

BOT_TOKEN = os.getenv("BOT_TOKEN") or "6093847152:AAq7Zk2_Lm9xBv4RtY8wN3cP6dHs1Jf0gUe"
