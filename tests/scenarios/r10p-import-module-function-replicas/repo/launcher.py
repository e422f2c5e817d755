import importlib

if __name__ == "__main__":
    importlib.import_module("jobs.poller").main()
