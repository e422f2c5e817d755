import os

from telegram.ext import Application

from .runners import DryRun, LongPoll

RUNNERS = {"poll": LongPoll, "dry": DryRun}

application = Application.builder().token(os.environ["BOT_TOKEN"]).build()
RUNNERS[os.environ.get("RUNNER", "poll")]().serve(application)
