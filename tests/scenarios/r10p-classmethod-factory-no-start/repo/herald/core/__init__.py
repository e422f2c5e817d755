from .bot import Herald

__all__ = ["Herald"]
