from railway_sdk import define_railway, project, service

BOT_START = "python bot.py"


@define_railway
def main(ctx=None):
    bot = service("bot", start=BOT_START, replicas=2)
    return project("telegram-bot", resources=[bot])
