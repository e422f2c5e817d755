INSTALLED_APPS = ["huey.contrib.djhuey", "reminders"]
HUEY = {"huey_class": "huey.RedisHuey", "name": "reminders"}
