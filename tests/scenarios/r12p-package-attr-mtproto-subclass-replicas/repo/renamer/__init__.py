import renamer.client

bot = renamer.client.Client()
