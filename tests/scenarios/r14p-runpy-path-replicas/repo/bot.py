"""The platform wants `python bot.py`; the real script has a space in its name."""
import os
from runpy import run_path

if __name__ == "__main__":
    run_path(os.path.join(os.path.dirname(__file__), "bots", "quote bot.py"), run_name="__main__")
