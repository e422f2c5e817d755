from .setup import application

__all__ = ["application"]
