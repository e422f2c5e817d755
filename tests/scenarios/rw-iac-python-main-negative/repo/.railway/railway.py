from railway_iac import project, service


def main():
    bot = service("bot", start="python bot.py", replicas=1)
    return project("bot", resources=[bot])
