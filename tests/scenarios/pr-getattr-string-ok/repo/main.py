"""Entry: the worker module is named by a string and its entry point fetched by getattr."""
import importlib

worker = importlib.import_module("workers.other_worker")
getattr(worker, "main")()
