"""The client is built on first use (PEP 562 module __getattr__)."""


def __getattr__(name):
    if name == "client":
        from .session import build_client
        return build_client()
    raise AttributeError(name)
