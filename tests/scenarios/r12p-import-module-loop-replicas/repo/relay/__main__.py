import importlib

ENABLED = ("echo", "runner")

loaded = []
for name in ENABLED:
    loaded.append(importlib.import_module(f"relay.plugins.{name}"))

runner = importlib.import_module("relay.plugins." + "runner")
runner.start()
