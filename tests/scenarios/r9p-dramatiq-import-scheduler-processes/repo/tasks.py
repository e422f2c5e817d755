import dramatiq
from apscheduler.schedulers.background import BackgroundScheduler
from dramatiq.brokers.redis import RedisBroker

dramatiq.set_broker(RedisBroker(url="redis://redis:6379/0"))


@dramatiq.actor
def refresh_rates():
    print("refreshing")


# the sender of the periodic message lives beside the actors: every worker process imports it
scheduler = BackgroundScheduler()
scheduler.add_job(refresh_rates.send, "interval", minutes=10)
scheduler.start()
