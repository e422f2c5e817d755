from .container import BotContainer

__all__ = ["BotContainer"]
