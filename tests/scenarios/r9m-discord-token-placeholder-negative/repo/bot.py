import os

import discord


class Settings:
    def __init__(self):
        # the token comes from the environment; the default is the documentation's shape
        self.token = os.getenv("DISCORD_TOKEN", "MTAwMDAwMDAwMDAwMDAwMDAwMA.XXXXXX.XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX")
        self.example = "NzkyNzE1NDU0MTk2MDg4ODQy.your_token_here_replace_me_with_the_real_one"


settings = Settings()
client = discord.Client(intents=discord.Intents.default())
logger_name = settings.config_section.send_emergency_notification_to_the_admins
client.run(settings.token)
