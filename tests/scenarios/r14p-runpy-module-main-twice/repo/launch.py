"""Start-up wrapper: checks the environment, then runs the bot module as a script."""
import os
import runpy
import sys

if "NOTIFIER_TOKEN" not in os.environ:
    sys.exit("NOTIFIER_TOKEN is not set")

runpy.run_module("notifier.bot", run_name="__main__", alter_sys=True)
