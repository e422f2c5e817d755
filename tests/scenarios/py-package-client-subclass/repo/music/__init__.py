from music.core.bot import Bot

app = Bot()
