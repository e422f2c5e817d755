"""Entry: the worker module is named by a string and its entry point fetched by getattr."""
import importlib

NAME = "workers.telegram_worker"
worker = importlib.import_module("workers.telegram_worker")
getattr(worker, "main")()
