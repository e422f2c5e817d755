from pyrogram import Client, idle

app = Client("music", bot_token="x")

if __name__ == "__main__":
    app.start()
    idle()
