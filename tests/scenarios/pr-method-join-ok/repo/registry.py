"""The services, created when this module is imported."""
from pollers import TgPoller

_SERVICES = [TgPoller()]


def services():
    return list(_SERVICES)
