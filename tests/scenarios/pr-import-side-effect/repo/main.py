"""Entry: importing app_init is what starts the bot (a side effect two imports deep)."""
import logging

import app_init  # noqa: F401

logging.info("started")
