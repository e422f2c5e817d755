from railway_sdk import define_railway, project, service


@define_railway
def main(ctx=None):
    prod = ctx.environment == "production"
    bot = service("bot", start="python bot.py", replicas=1)
    api = service("api", start="uvicorn web:app", replicas=2 if prod else 1)
    return project("telegram-bot", resources=[bot, api])
