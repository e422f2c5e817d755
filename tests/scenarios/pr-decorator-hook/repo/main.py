"""The ASGI app; importing startup_hooks registers its hooks on it."""
from web import app

import startup_hooks  # noqa: F401

__all__ = ["app"]
