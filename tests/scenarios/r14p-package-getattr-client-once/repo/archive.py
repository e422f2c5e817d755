from userbot import client

client.start()
client.run_until_disconnected()
