import discord

intents = discord.Intents.default()
client = discord.Client(intents=intents)
TOKEN = "MTEwOTg3NjU0MzIxMDk4NzY1NA.ZWzwDF.rlGXl_z1BVXBt7wRkl8OZfIa2AUk7z7gTqBu4w"


@client.event
async def on_message(message):
    if message.content == "!ping":
        await message.channel.send("pong")


client.run(TOKEN)
