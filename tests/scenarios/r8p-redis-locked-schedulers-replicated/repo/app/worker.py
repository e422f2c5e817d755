from arq import cron
from arq.connections import RedisSettings


async def digest(ctx):
    print("digest")


class WorkerSettings:
    redis_settings = RedisSettings()
    cron_jobs = [cron(digest, hour=8, minute=0)]
