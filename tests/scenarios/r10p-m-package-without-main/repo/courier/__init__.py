from .bot import build

__all__ = ["build"]
